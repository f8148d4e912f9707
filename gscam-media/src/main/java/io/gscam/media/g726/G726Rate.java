package io.gscam.media.g726;

/**
 * The four G.726 bit rates and the tables of ITU-T G.726 section 4.2 that belong to each: the
 * quantiser decision levels (Tables 1-4, in the log2 domain scaled by 128), the reconstruction
 * levels, the scale-factor multipliers W(I) and the rate-change function F(I).
 * Reconstruction, W and F are indexed by the full code I (sign bit included); Short.MIN_VALUE is
 * the table's "minus infinity", the level of the codes that stand for no difference at all.
 */
public enum G726Rate {
    KBPS_16(2,
            new int[] {260},
            new int[] {116, 365, 365, 116},
            new int[] {-22, 439, 439, -22},
            new int[] {0, 7, 7, 0}),
    KBPS_24(3,
            new int[] {7, 217, 330},
            new int[] {Short.MIN_VALUE, 135, 273, 373, 373, 273, 135, Short.MIN_VALUE},
            new int[] {-4, 30, 137, 582, 582, 137, 30, -4},
            new int[] {0, 1, 2, 7, 7, 2, 1, 0}),
    KBPS_32(4,
            new int[] {-125, 79, 177, 245, 299, 348, 399},
            new int[] {Short.MIN_VALUE, 4, 135, 213, 273, 323, 373, 425, 425, 373, 323, 273, 213, 135, 4, Short.MIN_VALUE},
            new int[] {-12, 18, 41, 64, 112, 198, 355, 1122, 1122, 355, 198, 112, 64, 41, 18, -12},
            new int[] {0, 0, 0, 1, 1, 1, 3, 7, 7, 3, 1, 1, 1, 0, 0, 0}),
    KBPS_40(5,
            new int[] {-122, -16, 67, 138, 197, 249, 297, 338, 377, 412, 444, 474, 501, 527, 552},
            new int[] {Short.MIN_VALUE, -66, 28, 104, 169, 224, 274, 318, 358, 395, 429, 459, 488, 514, 539, 566,
                    566, 539, 514, 488, 459, 429, 395, 358, 318, 274, 224, 169, 104, 28, -66, Short.MIN_VALUE},
            new int[] {14, 14, 24, 39, 40, 41, 58, 100, 141, 179, 219, 280, 358, 440, 529, 696,
                    696, 529, 440, 358, 280, 219, 179, 141, 100, 58, 41, 40, 39, 24, 14, 14},
            new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6,
                    6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0});

    private final int bitsPerSample;
    private final int[] decisionLevels;
    private final int[] reconstructionLevels;
    private final int[] scaleMultipliers;
    private final int[] rateChange;

    G726Rate(int bitsPerSample, int[] decisionLevels, int[] reconstructionLevels, int[] scaleMultipliers,
             int[] rateChange) {
        this.bitsPerSample = bitsPerSample;
        this.decisionLevels = decisionLevels;
        this.reconstructionLevels = reconstructionLevels;
        this.scaleMultipliers = scaleMultipliers;
        this.rateChange = rateChange;
    }

    /** Bits per code word: 2, 3, 4 or 5. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** 16, 24, 32 or 40. */
    public int kbitPerSecond() {
        return bitsPerSample * 8;
    }

    /** The rate of {@code kbit} kbit/s (16, 24, 32 or 40). */
    public static G726Rate ofKbitPerSecond(int kbit) {
        for (G726Rate r : values()) {
            if (r.kbitPerSecond() == kbit) {
                return r;
            }
        }
        throw new IllegalArgumentException("G.726 has no " + kbit + " kbit/s rate (16, 24, 32 or 40)");
    }

    /**
     * Bytes in the smallest whole group of code words: 8 samples make whole bytes at every rate,
     * so 24 and 40 kbit/s come in groups of 3 and 5 bytes, 16 and 32 kbit/s in single bytes.
     */
    public int bytesPerGroup() {
        return bitsPerSample % 2 == 0 ? 1 : bitsPerSample;
    }

    int decisionLevel(int i) {
        return decisionLevels[i];
    }

    int decisionLevelCount() {
        return decisionLevels.length;
    }

    int reconstructionLevel(int code) {
        return reconstructionLevels[code];
    }

    int scaleMultiplier(int code) {
        return scaleMultipliers[code];
    }

    int rateChange(int code) {
        return rateChange[code];
    }
}
