package io.gscam.media.g726;

/**
 * The ADPCM state of ITU-T G.726 section 4 (the same for encoder and decoder): adaptive quantiser
 * scale factor (y, yu, yl), speed control (ap, dms, dml), the predictor with two poles (a1, a2) and
 * six zeros (b1..b6), the tone and transition detector (td), in the recommendation's fixed-point
 * arithmetic. The past differences dq and reconstructed signals sr are kept in G.726's 11-bit
 * floating format (sign, 4-bit exponent, 6-bit mantissa), as the predictor multiplies in it.
 *
 * <p>Bit-exact with ffmpeg's libavcodec g726, which follows the recommendation with two details of
 * its own, kept here so that streams from ffmpeg decode identically: the encoder takes the 14-bit
 * input as {@code sample / 4} (rounding toward zero rather than the recommendation's arithmetic
 * shift), and the sign of a zero difference (the code I with its sign bit set) enters the zero
 * predictor's update as negative. The one deliberate difference: the 16-bit output saturates, where
 * ffmpeg wraps a reconstruction that overshoots full scale.
 *
 * <p>Mutable, one instance per stream and direction; not thread safe.
 */
final class G726State {
    private final G726Rate rate;

    // 11-bit floats as parallel arrays: index 0 is the newest.
    private final int[] srSign = new int[2];
    private final int[] srExp = new int[2];
    private final int[] srMant = new int[2];
    private final int[] dqSign = new int[6];
    private final int[] dqExp = new int[6];
    private final int[] dqMant = new int[6];

    private final int[] a = new int[2];   // pole coefficients a1, a2
    private final int[] b = new int[6];   // zero coefficients b1..b6
    private final int[] pk = new int[2];  // signs of the last two partial signals
    private int ap;                       // speed control
    private int yu;                       // fast scale factor
    private int yl;                       // slow scale factor
    private int dms;                      // short-term average of F(I)
    private int dml;                      // long-term average of F(I)
    private boolean td;                   // tone detected
    private int se;                       // signal estimate for the next sample
    private int sez;                      // its six-zero part
    private int y;                        // quantiser scale factor for the next sample

    G726State(G726Rate rate) {
        this.rate = rate;
        reset();
    }

    /** The initial state of G.726 section 4.3 (the "reset" state). */
    void reset() {
        for (int i = 0; i < 2; i++) {
            setFloat(srSign, srExp, srMant, i, 0);
            a[i] = 0;
            pk[i] = 1;
        }
        for (int i = 0; i < 6; i++) {
            setFloat(dqSign, dqExp, dqMant, i, 0);
            b[i] = 0;
        }
        ap = 0;
        yu = 544;
        yl = 34816;
        dms = 0;
        dml = 0;
        td = false;
        se = 0;
        sez = 0;
        y = 544;
    }

    G726Rate rate() {
        return rate;
    }

    /** Encodes one 16-bit sample to a code word and advances the state as the decoder will. */
    int encode(short sample) {
        int code = quantize(sample / 4 - se) & ((1 << rate.bitsPerSample()) - 1);
        decode(code);
        return code;
    }

    /** Decodes one code word to a 16-bit sample and advances the state. */
    short decode(int code) {
        int signBit = code >> (rate.bitsPerSample() - 1);
        int dq = inverseQuantize(code);

        // Transition detector (4.2.8): a large difference while a tone is held means a new signal.
        int ylint = yl >> 15;
        int ylfrac = (yl >> 10) & 0x1f;
        int thr2 = ylint > 9 ? 0x1f << 10 : (0x20 + ylfrac) << ylint;
        boolean tr = td && dq > ((3 * thr2) >> 2);

        if (signBit != 0) {
            dq = -dq;
        }
        int sr = (short) (se + dq);

        // Predictor coefficient update (4.2.7).
        int pk0 = sez + dq == 0 ? 0 : sgn(sez + dq);
        int dq0 = dq == 0 ? 0 : sgn(dq);
        if (tr) {
            a[0] = 0;
            a[1] = 0;
            java.util.Arrays.fill(b, 0);
        } else {
            int fa1 = clamp((-a[0] * pk[0] * pk0) >> 5, -256, 255);
            a[1] += 128 * pk0 * pk[1] + fa1 - (a[1] >> 7);
            a[1] = clamp(a[1], -12288, 12288);
            a[0] += 192 * pk0 * pk[0] - (a[0] >> 8);
            a[0] = clamp(a[0], -(15360 - a[1]), 15360 - a[1]);
            for (int i = 0; i < 6; i++) {
                b[i] += 128 * dq0 * (1 - 2 * dqSign[i]) - (b[i] >> 8);
            }
        }

        pk[1] = pk[0];
        pk[0] = pk0 == 0 ? 1 : pk0;
        shift(srSign, srExp, srMant);
        setFloat(srSign, srExp, srMant, 0, sr);
        shift(dqSign, dqExp, dqMant);
        setFloat(dqSign, dqExp, dqMant, 0, dq);
        dqSign[0] = signBit;

        td = a[1] < -11776;

        // Speed control (4.2.6).
        int f = rate.rateChange(code) << 4;
        dms += f + ((-dms) >> 5);
        dml += f + ((-dml) >> 7);
        if (tr) {
            ap = 256;
        } else {
            ap += (-ap) >> 4;
            if (y <= 1535 || td || Math.abs((dms << 2) - dml) >= (dml >> 3)) {
                ap += 0x20;
            }
        }

        // Scale factor adaptation (4.2.4, 4.2.5).
        yu = clamp(y + rate.scaleMultiplier(code) + ((-y) >> 5), 544, 5120);
        yl += yu + ((-yl) >> 6);
        int al = ap >= 256 ? 64 : ap >> 2;
        y = (yl + (yu - (yl >> 6)) * al) >> 6;

        // Signal estimate for the next sample (4.2.7).
        int estimate = 0;
        for (int i = 0; i < 6; i++) {
            estimate += multiply(b[i] >> 2, dqSign[i], dqExp[i], dqMant[i]);
        }
        sez = estimate >> 1;
        for (int i = 0; i < 2; i++) {
            estimate += multiply(a[i] >> 2, srSign[i], srExp[i], srMant[i]);
        }
        se = estimate >> 1;

        return (short) clamp(sr * 4, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** Adaptive quantiser (4.2.2): the difference in the log2 domain, normalised by y, against the decision levels. */
    private int quantize(int d) {
        boolean negative = d < 0;
        int magnitude = Math.abs(d);
        int exp = log2(magnitude);
        int dln = ((exp << 7) + (((magnitude << 7) >> exp) & 0x7f)) - (y >> 2);
        int i = 0;
        while (i < rate.decisionLevelCount() && rate.decisionLevel(i) < dln) {
            i++;
        }
        if (negative) {
            i = ~i;
        }
        // Code 0 is not sent above 16 kbit/s: the all-ones code (negative, smallest) stands for it.
        if (rate.bitsPerSample() != 2 && i == 0) {
            i = 0xff;
        }
        return i;
    }

    /** Inverse adaptive quantiser (4.2.3): log2 reconstruction level plus scale factor, back to linear. */
    private int inverseQuantize(int code) {
        int dql = rate.reconstructionLevel(code) + (y >> 2);
        if (dql < 0) {
            return 0;
        }
        int dex = (dql >> 7) & 0xf;
        int dqt = 128 + (dql & 0x7f);
        return (short) ((dqt << dex) >> 7);
    }

    /**
     * The product of a coefficient (integer) and a stored 11-bit float, as the recommendation's FMULT.
     * Eight of these run per code word, so the float conversion is branch-free (see {@link #exponent}
     * and {@link #mantissa}); the values are those of the recommendation's conditional form.
     */
    private static int multiply(int coefficient, int sign, int exp, int mant) {
        int cMag = Math.abs(coefficient);
        int cExp = exponent(cMag);
        int e = cExp + exp;
        int r = ((mantissa(cMag, cExp) * mant) + 0x30) >> 4;
        r = e > 19 ? r << (e - 19) : r >> (19 - e);
        int negative = (coefficient >>> 31) ^ sign; // 1 when exactly one factor is negative
        return (short) ((r ^ -negative) + negative);
    }

    private static void setFloat(int[] sign, int[] exp, int[] mant, int at, int value) {
        int magnitude = Math.abs(value);
        sign[at] = value >>> 31;
        exp[at] = exponent(magnitude);
        mant[at] = mantissa(magnitude, exp[at]);
    }

    /** The 11-bit float's exponent of a magnitude: floor(log2(m)) + 1, and 0 for 0. */
    private static int exponent(int magnitude) {
        return 32 - Integer.numberOfLeadingZeros(magnitude);
    }

    /** Its 6-bit mantissa, the leading one included: (m << 6) >> exp, and 32 (one half) for 0. */
    private static int mantissa(int magnitude, int exponent) {
        return ((magnitude << 6) >> exponent) | (((magnitude - 1) >>> 31) << 5);
    }

    private static void shift(int[] sign, int[] exp, int[] mant) {
        System.arraycopy(sign, 0, sign, 1, sign.length - 1);
        System.arraycopy(exp, 0, exp, 1, exp.length - 1);
        System.arraycopy(mant, 0, mant, 1, mant.length - 1);
    }

    /** floor(log2(v)) for v > 0, and 0 for 0. */
    private static int log2(int v) {
        return v == 0 ? 0 : 31 - Integer.numberOfLeadingZeros(v);
    }

    private static int sgn(int v) {
        return v < 0 ? -1 : 1;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
