package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;

/** Shared range checks and header writing of the RTCP packet records. */
final class RtcpChecks {
    static final int HEADER_SIZE = 4;
    static final int MAX_COUNT = 31;

    private RtcpChecks() {
    }

    static void u32(long value, String what) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " " + value + " not a 32-bit unsigned value");
        }
    }

    static void count(int count, String what) {
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 " + what + " in one RTCP packet, got " + count);
        }
    }

    /** The common header: V=2, no padding, the 5-bit count, the type, and the length in words minus one. */
    static void writeHeader(ByteBuffer out, int count, int packetType, int size) {
        out.put((byte) (0x80 | count));
        out.put((byte) packetType);
        out.putShort((short) (size / 4 - 1));
    }

    static long u32(ByteBuffer in) {
        return in.getInt() & 0xFFFFFFFFL;
    }
}
