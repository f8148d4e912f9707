package io.gscam.media.h264;

import io.gscam.media.MediaKind;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.media.rtp.SampleSink;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * H.264 over RTP (RFC 6184), rtpmap name {@code H264}, packetization-mode 1. The reader starts with
 * the SPS and PPS of the SDP's {@code sprop-parameter-sets} when given (a broken value is ignored:
 * the stream repeats them in-band), so a recorder has its codec configuration before the first IDR.
 */
public final class H264PayloadFormat implements PayloadFormat {
    private final int maxFragmentPayload;

    /** The spec's FU-A size, 1024 bytes. */
    public H264PayloadFormat() {
        this(FuAFragmenter.DEFAULT_MAX_FRAGMENT_PAYLOAD);
    }

    public H264PayloadFormat(int maxFragmentPayload) {
        new FuAFragmenter(maxFragmentPayload); // validates now rather than at the first stream
        this.maxFragmentPayload = maxFragmentPayload;
    }

    @Override
    public Set<String> encodingNames() {
        return Set.of("H264");
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
        return new H264PayloadReader(sink, H264PayloadReader.LossRecovery.NEXT_ACCESS_UNIT,
                H264PayloadReader.DEFAULT_MAX_ACCESS_UNIT_SIZE, spropParameterSets(format));
    }

    @Override
    public RtpPayloadWriter newWriter(MediaFormat format) {
        return new H264PayloadWriter(maxFragmentPayload, false);
    }

    /** The NAL units of {@code sprop-parameter-sets} (RFC 6184 8.1: comma-separated base64), or none. */
    static List<NalUnit> spropParameterSets(MediaFormat format) {
        String sprop = format.fmtpParameter("sprop-parameter-sets");
        List<NalUnit> units = new ArrayList<>();
        if (sprop == null) {
            return units;
        }
        for (String part : sprop.split(",")) {
            String b64 = part.trim();
            if (b64.isEmpty()) {
                continue;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(b64);
                if (bytes.length > 0) {
                    units.add(new NalUnit(bytes));
                }
            } catch (IllegalArgumentException notBase64) {
                // cameras send broken sprops; the in-band SPS/PPS will do
            }
        }
        return units;
    }
}
