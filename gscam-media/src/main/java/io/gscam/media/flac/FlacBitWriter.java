package io.gscam.media.flac;

import java.util.Arrays;

/**
 * MSB-first bit writer into a reusable byte array, as FLAC frames are laid out. One per encoder:
 * its buffer grows to the largest frame and is then reused, so encoding allocates nothing per sample.
 */
final class FlacBitWriter {
    private byte[] buf;
    private int length;      // whole bytes written
    private long acc;        // pending bits, right-aligned
    private int accBits;

    FlacBitWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Starts a new frame; makes room for {@code maxBytes} so writes need no bounds growth. */
    void reset(int maxBytes) {
        if (buf.length < maxBytes) {
            buf = new byte[maxBytes];
        }
        length = 0;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code value}, 0 <= n <= 32. */
    void bits(int n, long value) {
        if (n == 0) {
            return;
        }
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            buf[length++] = (byte) (acc >>> accBits);
        }
    }

    /** {@code zeros} 0 bits then a 1: the unary quotient of a Rice code. */
    void unary(int zeros) {
        while (zeros >= 32) {
            bits(32, 0);
            zeros -= 32;
        }
        bits(zeros + 1, 1);
    }

    /** Zero bits up to the next byte boundary. */
    void alignToByte() {
        if (accBits > 0) {
            bits(8 - accBits, 0);
        }
    }

    /** Writes a whole byte; the writer must be byte-aligned. */
    void byteAligned(int b) {
        buf[length++] = (byte) b;
    }

    boolean isByteAligned() {
        return accBits == 0;
    }

    /** Bytes written so far (the writer must be byte-aligned for this to be the whole output). */
    int length() {
        return length;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }
}
