package io.gscam.media.h264;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one NAL unit into RTP payloads (RFC 6184 section 5.8): the unit whole as a single NAL unit
 * packet when it fits, else FU-A fragments, each the 2-byte FU indicator and FU header followed by at
 * most {@code maxFragmentPayload} bytes of the unit's payload (its bytes after the 1-byte header).
 *
 * <p>The spec's cameras send 1024 bytes of NAL payload per FU-A packet ("1K ... excluding RTP header
 * and FU-A header"); some firmware used 1400, so the size is a parameter. A unit goes whole when its
 * payload is at most {@code maxFragmentPayload} bytes: that packet is then no larger than a fragment.
 */
public final class FuAFragmenter {
    /** The spec's FU-A size. */
    public static final int DEFAULT_MAX_FRAGMENT_PAYLOAD = 1024;

    private static final int FU_START = 0x80;
    private static final int FU_END = 0x40;

    private final int maxFragmentPayload;

    public FuAFragmenter() {
        this(DEFAULT_MAX_FRAGMENT_PAYLOAD);
    }

    public FuAFragmenter(int maxFragmentPayload) {
        if (maxFragmentPayload < 1 || maxFragmentPayload > 65_000) {
            throw new IllegalArgumentException("FU-A fragment payload " + maxFragmentPayload + " not in 1..65000");
        }
        this.maxFragmentPayload = maxFragmentPayload;
    }

    public int maxFragmentPayload() {
        return maxFragmentPayload;
    }

    /** Whether {@code nal} goes as a single NAL unit packet. */
    public boolean fitsWhole(NalUnit nal) {
        return nal.size() - 1 <= maxFragmentPayload;
    }

    /** The payloads that carry {@code nal}, in order: one for a unit that fits, else two or more FU-A. */
    public List<byte[]> fragment(NalUnit nal) {
        byte[] unit = nal.bytes();
        if (fitsWhole(nal)) {
            return List.of(unit);
        }
        int payloadLength = unit.length - 1;
        int count = (payloadLength + maxFragmentPayload - 1) / maxFragmentPayload;
        List<byte[]> out = new ArrayList<>(count);
        byte indicator = (byte) ((unit[0] & 0xE0) | NalUnit.TYPE_FU_A); // F and NRI of the unit
        int type = unit[0] & 0x1F;
        for (int at = 1; at < unit.length; at += maxFragmentPayload) {
            int length = Math.min(maxFragmentPayload, unit.length - at);
            byte[] p = new byte[2 + length];
            p[0] = indicator;
            p[1] = (byte) ((at == 1 ? FU_START : 0) | (at + length == unit.length ? FU_END : 0) | type);
            System.arraycopy(unit, at, p, 2, length);
            out.add(p);
        }
        return out;
    }
}
