package io.gscam.media.container;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 NAL unit framing: Annex-B (start codes, as {@link io.gscam.media.MediaSample} carries
 * H.264) and the length-prefixed form of ISO/IEC 14496-15 (as MP4 and Matroska store it).
 */
public final class NalUnits {
    public static final int TYPE_IDR = 5;
    public static final int TYPE_SEI = 6;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;
    public static final int TYPE_AUD = 9;

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private NalUnits() {
    }

    /** The NAL unit type (low 5 bits of the header byte), or -1 for an empty unit. */
    public static int type(byte[] nal) {
        return nal.length == 0 ? -1 : nal[0] & 0x1F;
    }

    /**
     * Splits an Annex-B byte string at its 3- or 4-byte start codes. Bytes before the first start
     * code are ignored; trailing zero bytes of a unit (trailing_zero_8bits) are dropped; empty units
     * are skipped.
     */
    public static List<byte[]> splitAnnexB(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < data.length) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    addTrimmed(units, data, start, i);
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            addTrimmed(units, data, start, data.length);
        }
        return units;
    }

    private static void addTrimmed(List<byte[]> units, byte[] data, int from, int to) {
        int end = to;
        while (end > from && data[end - 1] == 0) {
            end--;
        }
        if (end > from) {
            byte[] unit = new byte[end - from];
            System.arraycopy(data, from, unit, 0, unit.length);
            units.add(unit);
        }
    }

    /** Each unit after a 4-byte start code. */
    public static byte[] toAnnexB(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : units) {
            out.writeBytes(START_CODE);
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /** Each unit after its length as a 4-byte big-endian number. */
    public static byte[] toLengthPrefixed(List<byte[]> units) {
        int total = 0;
        for (byte[] unit : units) {
            total += 4 + unit.length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] unit : units) {
            out[p++] = (byte) (unit.length >>> 24);
            out[p++] = (byte) (unit.length >>> 16);
            out[p++] = (byte) (unit.length >>> 8);
            out[p++] = (byte) unit.length;
            System.arraycopy(unit, 0, out, p, unit.length);
            p += unit.length;
        }
        return out;
    }

    /**
     * Splits length-prefixed NAL units ({@code lengthSize} of 1, 2 or 4 bytes each).
     *
     * @throws io.gscam.protocol.ParseException when a length runs past the end of the data
     */
    public static List<byte[]> splitLengthPrefixed(byte[] data, int lengthSize) throws io.gscam.protocol.ParseException {
        List<byte[]> units = new ArrayList<>();
        int p = 0;
        while (p < data.length) {
            if (p + lengthSize > data.length) {
                throw new io.gscam.protocol.ParseException("NAL length field cut short", p);
            }
            long len = 0;
            for (int k = 0; k < lengthSize; k++) {
                len = (len << 8) | (data[p + k] & 0xFF);
            }
            p += lengthSize;
            if (len > data.length - p) {
                throw new io.gscam.protocol.ParseException("NAL unit of " + len + " bytes runs past the sample end", p);
            }
            byte[] unit = new byte[(int) len];
            System.arraycopy(data, p, unit, 0, unit.length);
            units.add(unit);
            p += unit.length;
        }
        return units;
    }

    /** Whether any unit is an IDR slice. */
    public static boolean containsIdr(List<byte[]> units) {
        for (byte[] unit : units) {
            if (type(unit) == TYPE_IDR) {
                return true;
            }
        }
        return false;
    }
}
