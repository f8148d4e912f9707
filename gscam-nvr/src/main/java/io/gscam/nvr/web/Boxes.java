package io.gscam.nvr.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** A growing buffer of ISO BMFF boxes, big-endian; {@link #start} and {@link #end} nest and patch sizes. */
final class Boxes {
    private byte[] buf = new byte[256];
    private int len;
    private final Deque<Integer> open = new ArrayDeque<>();

    Boxes start(String type) {
        open.push(len);
        u32(0);
        return fourcc(type);
    }

    Boxes startFull(String type, int version, int flags) {
        return start(type).u8(version).u24(flags);
    }

    Boxes end() {
        int at = open.pop();
        long size = len - at;
        buf[at] = (byte) (size >>> 24);
        buf[at + 1] = (byte) (size >>> 16);
        buf[at + 2] = (byte) (size >>> 8);
        buf[at + 3] = (byte) size;
        return this;
    }

    Boxes u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    Boxes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Boxes u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    Boxes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Boxes u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Boxes zeros(int n) {
        ensure(n);
        len += n;
        return this;
    }

    Boxes fourcc(String code) {
        return bytes(code.getBytes(StandardCharsets.US_ASCII));
    }

    Boxes bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    int length() {
        return len;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
