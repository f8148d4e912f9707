package io.gscam.media.container;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte array written at its end, big-endian: what the ISO BMFF box writer
 * ({@link BoxBuffer}) and the EBML element writer ({@link EbmlBuffer}) share.
 */
abstract class ByteArrayBuilder {
    private byte[] bytes;
    private int length;

    ByteArrayBuilder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    final int length() {
        return length;
    }

    /** Forgets the content, keeping the array for reuse. */
    final void reset() {
        length = 0;
    }

    /** The backing array; its first {@link #length} bytes are the content. */
    final byte[] array() {
        return bytes;
    }

    final byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    final void put(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    final void put(byte[] b) {
        put(b, 0, b.length);
    }

    final void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    /** Forgets the first {@code n} bytes: the rest moves to the front. */
    final void dropFirst(int n) {
        Objects.checkFromToIndex(0, n, length);
        System.arraycopy(bytes, n, bytes, 0, length - n);
        length -= n;
    }

    /** Writes {@code value} big-endian in exactly {@code width} bytes. */
    final void putFixed(long value, int width) {
        ensure(width);
        patchFixed(length, value, width);
        length += width;
    }

    final void putZeros(int n) {
        ensure(n);
        Arrays.fill(bytes, length, length + n, (byte) 0);
        length += n;
    }

    /** Overwrites {@code width} bytes at {@code at} with a big-endian value (for sizes and offsets known only later). */
    final void patchFixed(int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            bytes[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
