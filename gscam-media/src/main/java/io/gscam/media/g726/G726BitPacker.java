package io.gscam.media.g726;

/** Packs code words into bytes and back, in either {@link G726Packing}. Stateless. */
final class G726BitPacker {
    private G726BitPacker() {
    }

    /** Packs {@code codes} of {@code bits} bits each; a last partial byte is padded with zero bits. */
    static byte[] pack(int[] codes, int bits, G726Packing packing) {
        byte[] out = new byte[(codes.length * bits + 7) / 8];
        int accumulator = 0;
        int filled = 0;
        int at = 0;
        for (int code : codes) {
            if (packing == G726Packing.RFC3551_LE) {
                accumulator |= code << filled;
                filled += bits;
                while (filled >= 8) {
                    out[at++] = (byte) accumulator;
                    accumulator >>>= 8;
                    filled -= 8;
                }
            } else {
                accumulator = (accumulator << bits) | code;
                filled += bits;
                while (filled >= 8) {
                    out[at++] = (byte) (accumulator >>> (filled - 8));
                    filled -= 8;
                }
            }
        }
        if (filled > 0) {
            out[at] = (byte) (packing == G726Packing.RFC3551_LE ? accumulator : accumulator << (8 - filled));
        }
        return out;
    }

    /** Unpacks every whole code word in {@code length} bytes: {@code length * 8 / bits} of them. */
    static int[] unpack(byte[] data, int offset, int length, int bits, G726Packing packing) {
        int[] codes = new int[length * 8 / bits];
        int mask = (1 << bits) - 1;
        int accumulator = 0;
        int filled = 0;
        int in = offset;
        for (int i = 0; i < codes.length; i++) {
            while (filled < bits) {
                int next = data[in++] & 0xFF;
                accumulator = packing == G726Packing.RFC3551_LE
                        ? accumulator | next << filled
                        : (accumulator << 8) | next;
                filled += 8;
            }
            if (packing == G726Packing.RFC3551_LE) {
                codes[i] = accumulator & mask;
                accumulator >>>= bits;
            } else {
                codes[i] = (accumulator >>> (filled - bits)) & mask;
            }
            filled -= bits;
        }
        return codes;
    }
}
