package io.gscam.media.h264;

import io.gscam.protocol.ParseException;

/**
 * Reads an RBSP bit by bit, most significant bit first, with the Exp-Golomb codes of H.264 9.1.
 * Reading past the end is a {@link ParseException} at the byte where it happened.
 */
final class BitReader {
    private final byte[] data;
    private long bitPosition;

    BitReader(byte[] data) {
        this.data = data;
    }

    int readBit() throws ParseException {
        if (bitPosition >= (long) data.length * 8) {
            throw new ParseException("truncated: read past the end of " + data.length + " bytes", data.length);
        }
        int b = data[(int) (bitPosition >>> 3)] >> (7 - (int) (bitPosition & 7));
        bitPosition++;
        return b & 1;
    }

    boolean readFlag() throws ParseException {
        return readBit() == 1;
    }

    /** u(n) for n up to 32. */
    long readBits(int n) throws ParseException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    int readUnsigned8() throws ParseException {
        return (int) readBits(8);
    }

    /** ue(v): values up to 2^32 - 2; longer prefixes are not H.264. */
    long readUe() throws ParseException {
        long start = bytePosition();
        int leadingZeros = 0;
        while (readBit() == 0) {
            if (++leadingZeros > 31) {
                throw new ParseException("Exp-Golomb code with more than 31 leading zeros", start);
            }
        }
        return (1L << leadingZeros) - 1 + readBits(leadingZeros);
    }

    /** ue(v) that must lie in {@code 0..max}. */
    int readUe(String field, long max) throws ParseException {
        long start = bytePosition();
        long v = readUe();
        if (v > max) {
            throw new ParseException(field + " " + v + " above its maximum " + max, start);
        }
        return (int) v;
    }

    /** se(v). */
    long readSe() throws ParseException {
        long k = readUe();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    long bytePosition() {
        return bitPosition >>> 3;
    }
}
