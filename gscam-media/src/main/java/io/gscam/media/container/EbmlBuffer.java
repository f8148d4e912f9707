package io.gscam.media.container;

import java.nio.charset.StandardCharsets;

/**
 * A growable byte buffer that writes EBML (RFC 8794) elements: IDs, variable-size integers and the
 * typed element forms Matroska uses.
 */
final class EbmlBuffer extends ByteArrayBuilder {
    /** The 8-byte "unknown size" marker: all value bits set. */
    static final long UNKNOWN_SIZE = 0x00FFFFFFFFFFFFFFL;

    EbmlBuffer() {
        this(256);
    }

    EbmlBuffer(int capacity) {
        super(capacity);
    }

    /** An element ID as written in the Matroska spec (its marker bits included), 1 to 4 bytes. */
    void id(int id) {
        int width = (id & 0xFF000000) != 0 ? 4 : (id & 0xFF0000) != 0 ? 3 : (id & 0xFF00) != 0 ? 2 : 1;
        putFixed(id, width);
    }

    /** Bytes a variable-size integer needs for {@code value}; the all-ones pattern of each width is reserved. */
    static int sizeWidth(long value) {
        if (value < 0 || value >= UNKNOWN_SIZE) {
            throw new IllegalArgumentException("EBML size out of range: " + value);
        }
        int width = 1;
        while (value >= (1L << (7 * width)) - 1) {
            width++;
        }
        return width;
    }

    /** A variable-size integer in its shortest form. */
    void size(long value) {
        size(value, sizeWidth(value));
    }

    /** A variable-size integer in exactly {@code width} bytes (1..8). */
    void size(long value, int width) {
        if (width < 1 || width > 8 || (width < 8 && value >= (1L << (7 * width)) - 1) || value < 0 || value > UNKNOWN_SIZE) {
            throw new IllegalArgumentException("cannot write size " + value + " in " + width + " bytes");
        }
        putFixed(value | (1L << (7 * width)), width);
    }

    /** The 8-byte unknown size (01 FF FF FF FF FF FF FF). */
    void unknownSize() {
        putFixed(0x01FFFFFFFFFFFFFFL, 8);
    }

    /** Encodes {@code value} as an 8-byte size field, for patching an unknown size in place. */
    static byte[] fixedSize8(long value) {
        EbmlBuffer b = new EbmlBuffer(8);
        b.size(value, 8);
        return b.toByteArray();
    }

    void uint(int id, long value) {
        int width = 1;
        while (width < 8 && (value >>> (8 * width)) != 0) {
            width++;
        }
        id(id);
        size(width);
        putFixed(value, width);
    }

    /** An unsigned integer element with a fixed 8-byte payload, so its length is known in advance. */
    void uint8(int id, long value) {
        id(id);
        size(8);
        putFixed(value, 8);
    }

    void floatElement(int id, double value) {
        id(id);
        size(8);
        putFixed(Double.doubleToLongBits(value), 8);
    }

    void string(int id, String value) {
        binary(id, value.getBytes(StandardCharsets.UTF_8));
    }

    void binary(int id, byte[] value) {
        id(id);
        size(value.length);
        put(value);
    }

    /** A master element whose children are already in {@code children}. */
    void master(int id, EbmlBuffer children) {
        id(id);
        size(children.length());
        put(children.array(), 0, children.length());
    }

    /** A Void element (ID 0xEC) of exactly {@code total} bytes, total at least 2. */
    void voidElement(int total) {
        if (total < 2) {
            throw new IllegalArgumentException("a Void element takes at least 2 bytes, asked " + total);
        }
        id(0xEC);
        int width = total - 1 - 1 < 127 ? 1 : 8;
        if (width == 8 && total < 9) {
            width = 1;
        }
        int payload = total - 1 - width;
        size(payload, width);
        putZeros(payload);
    }
}
