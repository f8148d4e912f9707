package io.gscam.media.container;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer that writes ISO BMFF boxes (ISO/IEC 14496-12): big-endian fields, and boxes
 * opened with {@link #start} and closed with {@link #end}, which fills in the 32-bit size.
 */
final class BoxBuffer extends ByteArrayBuilder {
    private int[] open = new int[16];
    private int depth;

    BoxBuffer() {
        super(1024);
    }

    /** A buffer whose array starts at {@code capacity} bytes (at least 16). */
    BoxBuffer(int capacity) {
        super(capacity);
    }

    /** Forgets the content and any box left open, keeping the array for reuse. */
    void clear() {
        reset();
        depth = 0;
    }

    BoxBuffer u8(int v) {
        put(v);
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
        putFixed(v, width);
        return this;
    }

    BoxBuffer bytes(byte[] b) {
        put(b);
        return this;
    }

    BoxBuffer bytes(byte[] b, int off, int len) {
        put(b, off, len);
        return this;
    }

    BoxBuffer zeros(int n) {
        putZeros(n);
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
        open[depth++] = length();
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
        patchFixed(at, length() - at, 4);
        return this;
    }

    /** Overwrites 4 bytes at {@code at} with a big-endian value (for offsets known only later). */
    void patch32(int at, long v) {
        patchFixed(at, v, 4);
    }

    /** The identity matrix of mvhd/tkhd (16.16 and 2.30 fixed point). */
    BoxBuffer unityMatrix() {
        return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }
}
