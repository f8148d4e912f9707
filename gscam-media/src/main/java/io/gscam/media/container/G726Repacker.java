package io.gscam.media.container;

/**
 * Converts G.726 code words between the two bit packings ({@link G726Packing}) without decoding:
 * the code words stay the same, only their order inside the bytes changes.
 */
final class G726Repacker {
    private G726Repacker() {
    }

    /** Repacks LSB-first (RFC 3551) bytes to MSB-first (AAL2) for {@code bits}-bit code words, or back. */
    static byte[] repack(byte[] in, int bits, G726Packing from) {
        byte[] out = new byte[in.length];
        int words = in.length * 8 / bits;
        for (int k = 0; k < words; k++) {
            int word = read(in, k * bits, bits, from);
            write(out, k * bits, bits, word, from == G726Packing.LSB_FIRST ? G726Packing.MSB_FIRST : G726Packing.LSB_FIRST);
        }
        return out;
    }

    private static int read(byte[] b, int bitPos, int bits, G726Packing packing) {
        int word = 0;
        for (int i = 0; i < bits; i++) {
            int p = bitPos + i;
            int bit = packing == G726Packing.LSB_FIRST
                    ? (b[p >>> 3] >>> (p & 7)) & 1
                    : (b[p >>> 3] >>> (7 - (p & 7))) & 1;
            // LSB-first streams carry the code word's least significant bit first; MSB-first its most.
            if (packing == G726Packing.LSB_FIRST) {
                word |= bit << i;
            } else {
                word = (word << 1) | bit;
            }
        }
        return word;
    }

    private static void write(byte[] b, int bitPos, int bits, int word, G726Packing packing) {
        for (int i = 0; i < bits; i++) {
            int p = bitPos + i;
            int bit = packing == G726Packing.LSB_FIRST ? (word >>> i) & 1 : (word >>> (bits - 1 - i)) & 1;
            if (packing == G726Packing.LSB_FIRST) {
                b[p >>> 3] |= (byte) (bit << (p & 7));
            } else {
                b[p >>> 3] |= (byte) (bit << (7 - (p & 7)));
            }
        }
    }
}
