package io.gscam.media.flac;

import java.util.Objects;

/**
 * A FLAC encoder (RFC 9639) for 16-bit PCM, one frame per call, so that each frame covers exactly
 * the samples handed in: a transcoder that turns one audio packet into one frame keeps the packet's
 * timestamp and duration, and the audio stays in sync with the video.
 *
 * <p>Each channel is coded on its own (no stereo decorrelation: the main case is mono 8 kHz voice)
 * as the smallest of a CONSTANT subframe, a FIXED-predictor subframe (order 0..4, the order with the
 * smallest sum of residual magnitudes) with Rice-coded residual (partition order and parameters
 * chosen by their exact bit cost, a partition escaped to plain binary when that is smaller), or
 * VERBATIM. That gets most of FLAC's gain on voice for a fraction of LPC's work.
 *
 * <p>The blocking strategy is fixed for the encoder's life, as RFC 9639 requires of a stream: with
 * {@link BlockingStrategy#FIXED} frames carry a frame number (and every block but the last should
 * have the same size); with {@link BlockingStrategy#VARIABLE} they carry the number of their first
 * sample, so blocks may differ in size.
 *
 * <p>Mutable (the frame counter and reused scratch buffers: nothing is allocated per sample) and
 * not thread safe: one encoder per stream.
 */
public final class FlacEncoder {
    /** How frames are numbered (RFC 9639 section 9.1.1). */
    public enum BlockingStrategy {
        /** Frame numbers; every block but the last of the stream has the same size. */
        FIXED,
        /** First-sample numbers; any block size in any frame. */
        VARIABLE
    }

    /** FLAC codes 16-bit samples here; other depths are not needed by any codec gscam decodes. */
    public static final int BITS_PER_SAMPLE = 16;
    public static final int MAX_BLOCK_SIZE = 65535;
    private static final int MAX_FIXED_ORDER = 4;
    private static final int MAX_PARTITION_ORDER = 8;
    private static final int MAX_RICE_PARAMETER = 30;     // 5-bit parameters; 31 is the escape
    private static final int MAX_RICE4_PARAMETER = 14;    // 4-bit parameters; 15 is the escape

    private final FlacStreamInfo streamInfo;
    private final BlockingStrategy strategy;
    private final FlacBitWriter out = new FlacBitWriter(1024);
    private long frameNumber;
    private long sampleNumber;

    // Scratch, grown to the largest block and reused.
    private int[] channel = new int[0];
    private final int[][] residual = new int[MAX_FIXED_ORDER + 1][];
    private final int[] partitionParameters = new int[1 << MAX_PARTITION_ORDER];
    private final int[] bestParameters = new int[1 << MAX_PARTITION_ORDER];
    private int bestPartitionOrder;

    /**
     * An encoder for a stream that {@code streamInfo} describes (its sample rate, channels and
     * 16 bits per sample); the frames carry the rate and depth themselves too.
     */
    public FlacEncoder(FlacStreamInfo streamInfo, BlockingStrategy strategy) {
        this.streamInfo = Objects.requireNonNull(streamInfo, "streamInfo");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (streamInfo.bitsPerSample() != BITS_PER_SAMPLE) {
            throw new IllegalArgumentException("this encoder codes 16-bit samples, not " + streamInfo.bitsPerSample());
        }
        for (int i = 0; i < residual.length; i++) {
            residual[i] = new int[0];
        }
    }

    /** A live-stream encoder: {@link FlacStreamInfo#forLiveStream} at 16 bits. */
    public static FlacEncoder forLiveStream(int sampleRate, int channels, BlockingStrategy strategy) {
        return new FlacEncoder(FlacStreamInfo.forLiveStream(sampleRate, channels, BITS_PER_SAMPLE), strategy);
    }

    public FlacStreamInfo streamInfo() {
        return streamInfo;
    }

    public BlockingStrategy strategy() {
        return strategy;
    }

    /** Samples per channel encoded so far (the first sample number of the next frame). */
    public long samplesEncoded() {
        return sampleNumber;
    }

    /**
     * Encodes one block as one frame.
     *
     * @param pcm               16-bit samples, channels interleaved
     * @param offset            index of the block's first sample in {@code pcm}
     * @param samplesPerChannel the block size, 1..65535 (RFC 9639 wants at least 16 but in the last frame)
     * @return the frame's bytes
     */
    public byte[] encodeFrame(short[] pcm, int offset, int samplesPerChannel) {
        int channels = streamInfo.channels();
        if (samplesPerChannel < 1 || samplesPerChannel > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("a FLAC block holds 1..65535 samples, got " + samplesPerChannel);
        }
        Objects.checkFromIndexSize(offset, samplesPerChannel * channels, pcm.length);
        int n = samplesPerChannel;
        ensureScratch(n);
        // Bound: header 16 bytes, per channel a verbatim subframe, footer 2.
        out.reset(16 + channels * (2 * n + 2) + 2);
        writeHeader(n);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                channel[i] = pcm[offset + i * channels + c];
            }
            writeSubframe(channel, n);
        }
        out.alignToByte();
        int crc = FlacCrc.crc16(out.buffer(), 0, out.length());
        out.byteAligned(crc >>> 8);
        out.byteAligned(crc & 0xFF);
        frameNumber++;
        sampleNumber += n;
        return out.toByteArray();
    }

    /** Encodes a whole mono or interleaved array as one frame. */
    public byte[] encodeFrame(short[] pcm) {
        return encodeFrame(pcm, 0, pcm.length / streamInfo.channels());
    }

    private void ensureScratch(int n) {
        if (channel.length < n) {
            channel = new int[n];
            for (int i = 0; i < residual.length; i++) {
                residual[i] = new int[n];
            }
        }
    }

    private void writeHeader(int n) {
        out.bits(15, 0b111111111111100);                            // sync code and reserved 0
        out.bits(1, strategy == BlockingStrategy.VARIABLE ? 1 : 0);
        int blockCode = FlacFrameHeader.blockSizeCode(n);
        int rate = streamInfo.sampleRate();
        int rateCode = sampleRateCode(rate);
        out.bits(4, blockCode);
        out.bits(4, rateCode);
        out.bits(4, streamInfo.channels() - 1);                    // independent channels
        out.bits(3, 0b100);                                         // 16 bits per sample
        out.bits(1, 0);
        long number = strategy == BlockingStrategy.VARIABLE
                ? sampleNumber & ((1L << 36) - 1)
                : frameNumber & ((1L << 31) - 1);                   // a frame number wraps after 2^31 frames
        writeCodedNumber(number);
        if (blockCode == 6) {
            out.bits(8, n - 1);
        } else if (blockCode == 7) {
            out.bits(16, n - 1);
        }
        if (rateCode == 12) {
            out.bits(8, rate / 1000);
        } else if (rateCode == 13) {
            out.bits(16, rate);
        } else if (rateCode == 14) {
            out.bits(16, rate / 10);
        }
        out.bits(8, FlacCrc.crc8(out.buffer(), 0, out.length()));
    }

    /** RFC 9639 section 9.1.3: the common rates have a code; others are written after the header. */
    static int sampleRateCode(int rate) {
        return switch (rate) {
            case 88_200 -> 1;
            case 176_400 -> 2;
            case 192_000 -> 3;
            case 8_000 -> 4;
            case 16_000 -> 5;
            case 22_050 -> 6;
            case 24_000 -> 7;
            case 32_000 -> 8;
            case 44_100 -> 9;
            case 48_000 -> 10;
            case 96_000 -> 11;
            default -> rate % 1000 == 0 && rate / 1000 <= 255 ? 12
                    : rate <= 65535 ? 13
                    : rate % 10 == 0 && rate / 10 <= 65535 ? 14
                    : 0;                                            // "get from STREAMINFO"
        };
    }

    /** The frame or sample number in FLAC's extension of UTF-8 (up to 36 bits in 7 bytes). */
    private void writeCodedNumber(long v) {
        if (v < 0x80) {
            out.bits(8, v);
            return;
        }
        int bytes = v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : v < 0x80000000L ? 6 : 7;
        int continuation = bytes - 1;
        int leadBits = 7 - bytes;                                   // payload bits in the first byte
        int marker = (0xFF00 >>> bytes) & 0xFF;
        out.bits(8, marker | (leadBits > 0 ? (v >>> (6 * continuation)) & ((1 << leadBits) - 1) : 0));
        for (int i = continuation - 1; i >= 0; i--) {
            out.bits(8, 0x80 | ((v >>> (6 * i)) & 0x3F));
        }
    }

    private void writeSubframe(int[] x, int n) {
        if (isConstant(x, n)) {
            out.bits(8, 0);                                          // padding 0, type CONSTANT, no wasted bits
            out.bits(BITS_PER_SAMPLE, x[0]);
            return;
        }
        int order = bestFixedOrder(x, n);
        long riceBits = bestResidualBits(residual[order], n, order);
        long fixedBits = 8 + (long) order * BITS_PER_SAMPLE + riceBits;
        long verbatimBits = 8 + (long) n * BITS_PER_SAMPLE;
        if (fixedBits >= verbatimBits) {
            out.bits(8, 0b00000010);                                 // VERBATIM
            for (int i = 0; i < n; i++) {
                out.bits(BITS_PER_SAMPLE, x[i]);
            }
            return;
        }
        out.bits(8, (0b001000 | order) << 1);                        // FIXED, order
        for (int i = 0; i < order; i++) {
            out.bits(BITS_PER_SAMPLE, x[i]);                         // warm-up samples
        }
        writeResidual(residual[order], n, order);
    }

    private static boolean isConstant(int[] x, int n) {
        for (int i = 1; i < n; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills residual[0..4] with the fixed predictors' residuals (each order the difference of the
     * one below) and returns the order whose residual has the smallest total magnitude.
     */
    private int bestFixedOrder(int[] x, int n) {
        int maxOrder = Math.min(MAX_FIXED_ORDER, n - 1);
        System.arraycopy(x, 0, residual[0], 0, n);
        int best = 0;
        long bestSum = Long.MAX_VALUE;
        for (int order = 0; order <= maxOrder; order++) {
            int[] r = residual[order];
            if (order > 0) {
                int[] below = residual[order - 1];
                for (int i = order; i < n; i++) {
                    r[i] = below[i] - below[i - 1];
                }
            }
            long sum = 0;
            for (int i = order; i < n; i++) {
                sum += Math.abs(r[i]);
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = order;
            }
        }
        return best;
    }

    /**
     * Chooses the partition order and the parameter of each partition for the smallest residual,
     * leaves them in bestPartitionOrder/bestParameters, and returns the bits of the whole residual
     * section (coding method, partition order, parameters, codes).
     */
    private long bestResidualBits(int[] r, int n, int predictorOrder) {
        long best = Long.MAX_VALUE;
        for (int p = 0; p <= MAX_PARTITION_ORDER; p++) {
            int partitionSize = n >> p;
            if (p > 0 && ((n & ((1 << p) - 1)) != 0 || partitionSize <= predictorOrder)) {
                break;
            }
            int partitions = 1 << p;
            long bits = 2 + 4;
            int widest = 0;
            for (int part = 0; part < partitions; part++) {
                int from = part == 0 ? predictorOrder : part * partitionSize;
                int to = (part + 1) * partitionSize;
                if (p == 0) {
                    to = n;
                }
                int k = riceParameter(r, from, to);
                long riceBits = k < 0 ? Long.MAX_VALUE : riceBits(r, from, to, k);
                long escapeBits = 5 + (long) (to - from) * signedWidth(r, from, to);
                if (escapeBits < riceBits) {
                    partitionParameters[part] = -signedWidth(r, from, to); // negative: escaped, this many bits
                    bits += escapeBits;
                } else {
                    partitionParameters[part] = k;
                    bits += riceBits;
                    widest = Math.max(widest, k);
                }
            }
            bits += (long) partitions * (widest > MAX_RICE4_PARAMETER ? 5 : 4);
            if (bits < best) {
                best = bits;
                bestPartitionOrder = p;
                System.arraycopy(partitionParameters, 0, bestParameters, 0, partitions);
            }
        }
        return best;
    }

    /**
     * The Rice parameter for r[from..to): estimated from the mean of the folded values (a Rice code
     * with parameter k suits values around 2^k), then the cheaper of it and its neighbours.
     */
    private static int riceParameter(int[] r, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += fold(r[i]);
        }
        long mean = sum / count;
        int estimate = mean == 0 ? 0 : 63 - Long.numberOfLeadingZeros(mean);
        int best = -1;
        long bestBits = Long.MAX_VALUE;
        for (int k = Math.max(0, estimate - 1); k <= Math.min(MAX_RICE_PARAMETER, estimate + 1); k++) {
            long bits = riceBits(r, from, to, k);
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            }
        }
        return best;
    }

    private static long riceBits(int[] r, int from, int to, int k) {
        long bits = (long) (to - from) * (k + 1);
        for (int i = from; i < to; i++) {
            bits += fold(r[i]) >>> k;
        }
        return bits;
    }

    /** Bits a two's complement field needs to hold every value of r[from..to); at least 1. */
    private static int signedWidth(int[] r, int from, int to) {
        int width = 1;
        for (int i = from; i < to; i++) {
            int v = r[i] < 0 ? ~r[i] : r[i];
            width = Math.max(width, 33 - Integer.numberOfLeadingZeros(v));
        }
        return width;
    }

    /** Zigzag: 0, -1, 1, -2, 2 ... to 0, 1, 2, 3, 4 ... as Rice codes expect. */
    private static long fold(int v) {
        long w = v;
        return (w << 1) ^ (w >> 63);
    }

    private void writeResidual(int[] r, int n, int predictorOrder) {
        int p = bestPartitionOrder;
        int partitions = 1 << p;
        int widest = 0;
        for (int part = 0; part < partitions; part++) {
            widest = Math.max(widest, bestParameters[part]);
        }
        boolean rice5 = widest > MAX_RICE4_PARAMETER;
        int parameterBits = rice5 ? 5 : 4;
        int escape = rice5 ? 31 : 15;
        out.bits(2, rice5 ? 1 : 0);
        out.bits(4, p);
        int partitionSize = n >> p;
        for (int part = 0; part < partitions; part++) {
            int from = part == 0 ? predictorOrder : part * partitionSize;
            int to = p == 0 ? n : (part + 1) * partitionSize;
            int k = bestParameters[part];
            if (k < 0) {
                int width = -k;
                out.bits(parameterBits, escape);
                out.bits(5, width);
                for (int i = from; i < to; i++) {
                    out.bits(width, r[i]);
                }
            } else {
                out.bits(parameterBits, k);
                for (int i = from; i < to; i++) {
                    long u = fold(r[i]);
                    out.unary((int) (u >>> k));
                    out.bits(k, u);
                }
            }
        }
    }
}
