package io.gscam.media.g726;

import java.util.Objects;

/**
 * Packs code words into bytes and back, in either {@link G726Packing}, and converts packed bytes
 * from one packing to the other (as a recorder storing AAL2 order must). Stateless.
 */
public final class G726BitPacker {
    private G726BitPacker() {
    }

    /**
     * The same code words in the other bit order, without decoding: {@code data} holds
     * {@code bits}-bit code words packed as {@code from}; the result holds them packed as {@code to},
     * in as many bytes. Bits after the last whole code word come back as zero.
     *
     * @param bits code word size, 2..5 (16..40 kbit/s)
     */
    public static byte[] repack(byte[] data, int bits, G726Packing from, G726Packing to) {
        if (bits < 2 || bits > 5) {
            throw new IllegalArgumentException("G.726 code words are 2..5 bits, got " + bits);
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            return data.clone();
        }
        // length*8/bits whole words fill ceil(words*bits/8) == length bytes again, as bits < 8.
        return pack(unpack(data, 0, data.length, bits, from), bits, to);
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
