package io.gscam.media.jpeg;

import io.gscam.protocol.ParseException;

import java.nio.ByteBuffer;

/**
 * The 8-byte main JPEG header of RFC 2435 section 3.1 that starts every RTP/JPEG payload.
 *
 * @param typeSpecific   0 for progressive frames (the only kind gscam sends)
 * @param fragmentOffset where this packet's data lies in the frame's scan, 24 bits
 * @param type           0/1 (4:2:2/4:2:0), +64 with a restart marker header
 * @param q              1..99 standard tables scaled; 128..255 tables in-band (255: not cached)
 * @param width          in 8-pixel units, 1..255
 * @param height         in 8-pixel units, 1..255
 */
public record RtpJpegHeader(int typeSpecific, int fragmentOffset, int type, int q, int width, int height) {
    public static final int SIZE = 8;
    /** Types 64..127 carry a restart marker header after the main header. */
    public static final int RESTART_TYPE_FLAG = 64;

    public RtpJpegHeader {
        check(typeSpecific, 0xFF, "type-specific");
        check(fragmentOffset, 0xFFFFFF, "fragment offset");
        check(type, 0xFF, "type");
        check(q, 0xFF, "Q");
        check(width, 0xFF, "width");
        check(height, 0xFF, "height");
    }

    public static RtpJpegHeader parse(byte[] payload) throws ParseException {
        if (payload.length < SIZE) {
            throw new ParseException("RTP/JPEG payload of " + payload.length + " bytes, shorter than its 8-byte header", 0);
        }
        int offset = (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF);
        return new RtpJpegHeader(payload[0] & 0xFF, offset, payload[4] & 0xFF, payload[5] & 0xFF,
                payload[6] & 0xFF, payload[7] & 0xFF);
    }

    public void writeTo(ByteBuffer out) {
        out.put((byte) typeSpecific);
        out.put((byte) (fragmentOffset >> 16));
        out.put((byte) (fragmentOffset >> 8));
        out.put((byte) fragmentOffset);
        out.put((byte) type);
        out.put((byte) q);
        out.put((byte) width);
        out.put((byte) height);
    }

    public boolean hasRestartMarkers() {
        return type >= RESTART_TYPE_FLAG && type < 128;
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " " + v + " not in 0.." + max);
        }
    }
}
