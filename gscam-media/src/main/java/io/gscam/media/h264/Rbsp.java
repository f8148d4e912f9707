package io.gscam.media.h264;

import java.io.ByteArrayOutputStream;

/**
 * Emulation prevention (H.264 7.4.1): inside a NAL unit, an encoder inserts {@code 03} after any two
 * zero bytes that would otherwise be followed by 00..03, so no start code can appear in the unit.
 * The raw byte sequence payload (RBSP) is the unit with those bytes removed.
 */
public final class Rbsp {
    private Rbsp() {
    }

    /** Removes emulation prevention bytes from {@code escaped[from..to)}. */
    public static byte[] unescape(byte[] escaped, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int b = escaped[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0; // the emulation prevention byte itself
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** Inserts emulation prevention bytes, so the result can sit between start codes. */
    public static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + rbsp.length / 64 + 1);
        int zeros = 0;
        for (byte value : rbsp) {
            int b = value & 0xFF;
            if (zeros >= 2 && b <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }
}
