package io.gscam.media.g711;

/**
 * ITU-T G.711 companding: mu-law (North America, Japan) and A-law (elsewhere), between 16-bit
 * linear PCM and one byte per sample. The segment algorithm of the recommendation, exact: mu-law
 * works on the top 14 bits of a sample and A-law on the top 13, and decoding yields the centre of
 * the quantisation interval scaled back to 16 bits (mu-law code 0x00 is -32124, A-law 0xD5 is +8).
 * Encoding follows the recommendation's decision levels (as its reference code does); ffmpeg's
 * encoders round to the nearest reconstruction value instead, so at some decision levels they pick
 * the neighbouring code. Decoding agrees with ffmpeg for every code. Pure functions; no state.
 */
public enum G711Law {
    MU_LAW {
        @Override
        public byte encode(int sample) {
            int value = clampToShort(sample) >> 2;        // 14-bit
            int mask = 0xFF;
            if (value < 0) {
                value = -value;
                mask = 0x7F;
            }
            value = Math.min(value, MU_CLIP) + MU_BIAS;
            int segment = segmentOf(value >> 6);          // segment s covers [32 << s, 64 << s)
            if (segment >= 8) {
                return (byte) (0x7F ^ mask);
            }
            return (byte) (((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
        }

        @Override
        public short decode(byte code) {
            int u = ~code & 0xFF;
            int t = (((u & 0x0F) << 3) + (MU_BIAS << 2)) << ((u & 0x70) >> 4);
            return (short) ((u & 0x80) != 0 ? (MU_BIAS << 2) - t : t - (MU_BIAS << 2));
        }
    },
    A_LAW {
        @Override
        public byte encode(int sample) {
            int value = clampToShort(sample) >> 3;        // 13-bit
            int mask;
            if (value >= 0) {
                mask = 0xD5;                              // sign bit set, even bits inverted
            } else {
                mask = 0x55;
                value = -value - 1;
            }
            int segment = segmentOf(value >> 5);          // segment s >= 1 covers [16 << s, 32 << s)
            if (segment >= 8) {
                return (byte) (0x7F ^ mask);
            }
            int a = segment << 4;
            a |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
            return (byte) (a ^ mask);
        }

        @Override
        public short decode(byte code) {
            int a = (code & 0xFF) ^ 0x55;
            int t = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            t += segment == 0 ? 8 : 0x108;
            if (segment > 1) {
                t <<= segment - 1;
            }
            return (short) ((a & 0x80) != 0 ? t : -t);
        }
    };

    /** mu-law's bias (33 in 14-bit units); adding it makes the segments powers of two. */
    private static final int MU_BIAS = 0x21;
    /** The largest 14-bit magnitude mu-law represents before adding the bias. */
    private static final int MU_CLIP = 8159;

    /** One sample (clamped to 16 bits) to its code. */
    public abstract byte encode(int sample);

    /** One code to its 16-bit sample. */
    public abstract short decode(byte code);

    public byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = encode(pcm[i]);
        }
        return out;
    }

    public short[] decode(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = decode(codes[i]);
        }
        return out;
    }

    /** The segment number of a magnitude already divided by its first segment's width: 0 for 0. */
    private static int segmentOf(int scaled) {
        return scaled == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(scaled);
    }

    private static int clampToShort(int sample) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
