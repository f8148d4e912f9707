package io.gscam.media.h264;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The length-prefixed H.264 sample form of ISO/IEC 14496-15 section 5.3.2 (often called AVCC), as
 * MP4 and Matroska store it: each NAL unit after its size as a 1-, 2- or 4-byte big-endian number.
 * The prefix width comes from the stream's {@code avcC} record ({@code lengthSizeMinusOne + 1}).
 */
public final class Avcc {
    /** The prefix width {@link #join} writes, the only one common muxers use. */
    public static final int LENGTH_SIZE = 4;

    private Avcc() {
    }

    /** Joins NAL units, each after its size as a 4-byte big-endian number. */
    public static byte[] join(List<NalUnit> units) {
        int size = 0;
        for (NalUnit u : units) {
            size += LENGTH_SIZE + u.size();
        }
        byte[] out = new byte[size];
        int at = 0;
        for (NalUnit u : units) {
            int n = u.size();
            out[at++] = (byte) (n >>> 24);
            out[at++] = (byte) (n >>> 16);
            out[at++] = (byte) (n >>> 8);
            out[at++] = (byte) n;
            System.arraycopy(u.bytes(), 0, out, at, n);
            at += n;
        }
        return out;
    }

    /**
     * Splits a length-prefixed sample into its NAL units. Zero-length units carry nothing and are
     * skipped, as {@link AnnexB#split} skips empty ones.
     *
     * @param lengthSize bytes of each size prefix, 1 to 4
     * @throws ParseException when a size field or a unit runs past the end of the data
     */
    public static List<NalUnit> split(byte[] sample, int lengthSize) throws ParseException {
        if (lengthSize < 1 || lengthSize > 4) {
            throw new IllegalArgumentException("NAL length size must be 1..4, got " + lengthSize);
        }
        List<NalUnit> units = new ArrayList<>();
        int p = 0;
        while (p < sample.length) {
            if (p + lengthSize > sample.length) {
                throw new ParseException("NAL length field cut short", p);
            }
            long len = 0;
            for (int k = 0; k < lengthSize; k++) {
                len = (len << 8) | (sample[p + k] & 0xFF);
            }
            p += lengthSize;
            if (len > sample.length - p) {
                throw new ParseException("NAL unit of " + len + " bytes runs past the sample end", p);
            }
            if (len > 0) {
                units.add(new NalUnit(Arrays.copyOfRange(sample, p, p + (int) len)));
            }
            p += (int) len;
        }
        return units;
    }
}
