package io.gscam.media.container;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer that writes ISO BMFF boxes (ISO/IEC 14496-12): big-endian fields, and boxes
 * opened with {@link #start} and closed with {@link #end}, which fills in the 32-bit size.
 */
final class BoxBuffer {
    private byte[] bytes = new byte[1024];
    private int length;
    private int[] open = new int[16];
    private int depth;

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    BoxBuffer u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
        return this;
    }

    BoxBuffer u16(int v) {
        return fixed(v, 2);
    }

    BoxBuffer u24(int v) {
        return fixed(v, 3);
    }

    BoxBuffer u32(long v) {
        return fixed(v, 4);
    }

    BoxBuffer u64(long v) {
        return fixed(v, 8);
    }

    BoxBuffer fixed(long v, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    BoxBuffer bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    BoxBuffer zeros(int n) {
        ensure(n);
        Arrays.fill(bytes, length, length + n, (byte) 0);
        length += n;
        return this;
    }

    BoxBuffer fourcc(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("four-character code expected, got '" + code + "'");
        }
        return bytes(b);
    }

    /** Opens a box of {@code type}; its size is written at {@link #end}. */
    BoxBuffer start(String type) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = length;
        u32(0);
        return fourcc(type);
    }

    /** Opens a full box: version and 24-bit flags after the type. */
    BoxBuffer startFull(String type, int version, int flags) {
        start(type);
        u8(version);
        return u24(flags);
    }

    BoxBuffer end() {
        int at = open[--depth];
        int size = length - at;
        bytes[at] = (byte) (size >>> 24);
        bytes[at + 1] = (byte) (size >>> 16);
        bytes[at + 2] = (byte) (size >>> 8);
        bytes[at + 3] = (byte) size;
        return this;
    }

    /** Overwrites 4 bytes at {@code at} with a big-endian value (for offsets known only later). */
    void patch32(int at, long v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    /** The identity matrix of mvhd/tkhd (16.16 and 2.30 fixed point). */
    BoxBuffer unityMatrix() {
        return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }
}
