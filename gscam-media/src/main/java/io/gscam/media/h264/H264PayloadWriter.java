package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.media.rtp.RtpPayloadWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The H.264 packetizer (RFC 6184, packetization-mode=1): one access unit in Annex-B form in, its
 * RTP payloads out, with the marker bit on the last payload of the access unit (section 5.1).
 * Each NAL unit goes through a {@link FuAFragmenter}. With aggregation on, runs of two or more
 * consecutive small units (typically SPS and PPS before an IDR) share one STAP-A packet no larger
 * than an FU-A packet; it is off by default because the spec's cameras do not send STAP-A.
 * An access unit with no NAL unit yields no payload. Stateless, so one writer may serve many streams.
 */
public final class H264PayloadWriter implements RtpPayloadWriter {
    private static final int STAP_A_HEADER = 1;
    private static final int STAP_A_SIZE_FIELD = 2;

    private final FuAFragmenter fragmenter;
    private final boolean aggregate;

    /** The spec's form: FU-A of 1024 bytes, no STAP-A. */
    public H264PayloadWriter() {
        this(FuAFragmenter.DEFAULT_MAX_FRAGMENT_PAYLOAD, false);
    }

    public H264PayloadWriter(int maxFragmentPayload, boolean aggregateSmallUnits) {
        this.fragmenter = new FuAFragmenter(maxFragmentPayload);
        this.aggregate = aggregateSmallUnits;
    }

    @Override
    public List<RtpPayload> payloads(MediaSample sample) {
        List<NalUnit> units = AnnexB.split(sample.data());
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            int run = aggregate ? aggregationRun(units, i) : 1;
            if (run >= 2) {
                out.add(stapA(units.subList(i, i + run)));
                i += run;
            } else {
                out.addAll(fragmenter.fragment(units.get(i)));
                i++;
            }
        }
        List<RtpPayload> payloads = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            payloads.add(new RtpPayload(out.get(k), k == out.size() - 1));
        }
        return payloads;
    }

    /** How many units from {@code from} fit one STAP-A no larger than an FU-A packet. */
    private int aggregationRun(List<NalUnit> units, int from) {
        int limit = 2 + fragmenter.maxFragmentPayload();
        int size = STAP_A_HEADER;
        int run = 0;
        for (int i = from; i < units.size(); i++) {
            size += STAP_A_SIZE_FIELD + units.get(i).size();
            if (size > limit) {
                break;
            }
            run++;
        }
        return run;
    }

    private static byte[] stapA(List<NalUnit> units) {
        int size = STAP_A_HEADER;
        int nri = 0;
        boolean forbidden = false;
        for (NalUnit u : units) {
            size += STAP_A_SIZE_FIELD + u.size();
            nri = Math.max(nri, u.nri()); // RFC 6184 5.7: the STAP's NRI is the maximum of its units'
            forbidden |= u.forbiddenBit();
        }
        byte[] p = new byte[size];
        p[0] = (byte) ((forbidden ? 0x80 : 0) | (nri << 5) | NalUnit.TYPE_STAP_A);
        int at = STAP_A_HEADER;
        for (NalUnit u : units) {
            p[at] = (byte) (u.size() >> 8);
            p[at + 1] = (byte) u.size();
            System.arraycopy(u.bytes(), 0, p, at + 2, u.size());
            at += STAP_A_SIZE_FIELD + u.size();
        }
        return p;
    }
}
