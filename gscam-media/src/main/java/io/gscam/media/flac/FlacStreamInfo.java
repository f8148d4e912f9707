package io.gscam.media.flac;

/**
 * The STREAMINFO metadata block (RFC 9639 section 8.2): what a decoder must know before the first
 * frame. A live stream does not know its length, frame sizes or MD5 in advance; RFC 9639 lets
 * those be 0 ("unknown"), and that is what {@link #forLiveStream} declares, so the block (and so an
 * MP4 init segment or a Matroska header) can be written before the first frame. The MD5 signature
 * is always written as unknown (all zero bytes).
 *
 * @param minBlockSize   smallest block in samples (excluding the last), 16..65535
 * @param maxBlockSize   largest block in samples, minBlockSize..65535
 * @param minFrameSize   smallest frame in bytes, 0 if unknown, below 2^24
 * @param maxFrameSize   largest frame in bytes, 0 if unknown, below 2^24
 * @param sampleRate     samples per second per channel, 1..1048575
 * @param channels       1..8
 * @param bitsPerSample  4..32
 * @param totalSamples   samples per channel in the stream, 0 if unknown, below 2^36
 */
public record FlacStreamInfo(int minBlockSize, int maxBlockSize, int minFrameSize, int maxFrameSize,
                             int sampleRate, int channels, int bitsPerSample, long totalSamples) {
    /** Bytes of the block body. */
    public static final int LENGTH = 34;
    /** Metadata block type of STREAMINFO. */
    public static final int TYPE = 0;

    public FlacStreamInfo {
        if (minBlockSize < 16 || maxBlockSize < minBlockSize || maxBlockSize > 65535) {
            throw new IllegalArgumentException("block sizes must satisfy 16 <= min <= max <= 65535, got "
                    + minBlockSize + ".." + maxBlockSize);
        }
        if (minFrameSize < 0 || minFrameSize >= 1 << 24 || maxFrameSize < 0 || maxFrameSize >= 1 << 24) {
            throw new IllegalArgumentException("frame sizes are 24-bit, got " + minFrameSize + ".." + maxFrameSize);
        }
        if (sampleRate < 1 || sampleRate >= 1 << 20) {
            throw new IllegalArgumentException("sample rate must be 1..1048575 Hz, got " + sampleRate);
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("FLAC carries 1..8 channels, got " + channels);
        }
        if (bitsPerSample < 4 || bitsPerSample > 32) {
            throw new IllegalArgumentException("FLAC samples are 4..32 bits, got " + bitsPerSample);
        }
        if (totalSamples < 0 || totalSamples >= 1L << 36) {
            throw new IllegalArgumentException("total samples is a 36-bit count, got " + totalSamples);
        }
    }

    /**
     * A stream whose frames may hold any block size FLAC allows and whose length is unknown:
     * what a live transcoder declares before it has seen a packet.
     */
    public static FlacStreamInfo forLiveStream(int sampleRate, int channels, int bitsPerSample) {
        return new FlacStreamInfo(16, 65535, 0, 0, sampleRate, channels, bitsPerSample, 0);
    }

    /** A stream of blocks of {@code blockSize} samples each (the last may be shorter). */
    public static FlacStreamInfo forFixedBlockSize(int blockSize, int sampleRate, int channels, int bitsPerSample) {
        return new FlacStreamInfo(blockSize, blockSize, 0, 0, sampleRate, channels, bitsPerSample, 0);
    }

    /** The 34-byte block body. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        put(b, 0, minBlockSize, 2);
        put(b, 2, maxBlockSize, 2);
        put(b, 4, minFrameSize, 3);
        put(b, 7, maxFrameSize, 3);
        // 20 bits rate, 3 bits channels-1, 5 bits bps-1, 36 bits total samples: 64 bits together
        long packed = ((long) sampleRate << 44) | ((long) (channels - 1) << 41) | ((long) (bitsPerSample - 1) << 36)
                | totalSamples;
        put(b, 10, packed, 8);
        // bytes 18..33: MD5 of the decoded audio, all zero = unknown
        return b;
    }

    /**
     * The block with its 4-byte metadata block header (RFC 9639 section 8.1); {@code last} sets
     * the last-metadata-block flag. This is what an ISO BMFF {@code dfLa} box and a Matroska
     * A_FLAC CodecPrivate (after "fLaC") hold.
     */
    public byte[] toMetadataBlock(boolean last) {
        byte[] b = new byte[4 + LENGTH];
        b[0] = (byte) ((last ? 0x80 : 0) | TYPE);
        put(b, 1, LENGTH, 3);
        System.arraycopy(toBytes(), 0, b, 4, LENGTH);
        return b;
    }

    /** The start of a native .flac file: the "fLaC" marker and this block as the only metadata. */
    public byte[] toStreamHeader() {
        byte[] b = new byte[4 + 4 + LENGTH];
        b[0] = 'f';
        b[1] = 'L';
        b[2] = 'a';
        b[3] = 'C';
        System.arraycopy(toMetadataBlock(true), 0, b, 4, 4 + LENGTH);
        return b;
    }

    private static void put(byte[] b, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
