package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RTCP packet gscam does not interpret (APP 204, RTPFB 205, PSFB 206, XR 207, ...), kept whole:
 * the 5-bit count/subtype field and the payload after the 4-byte header, without padding. A payload
 * that is not whole 32-bit words is written with RTCP padding.
 */
public record UnknownRtcp(int packetType, int count, byte[] payload) implements RtcpPacket {
    public UnknownRtcp {
        Objects.requireNonNull(payload, "payload");
        if (packetType < 0 || packetType > 255 || (packetType >= TYPE_SENDER_REPORT && packetType <= TYPE_GOODBYE)) {
            throw new IllegalArgumentException("packet type " + packetType + " is not an uninterpreted RTCP type");
        }
        RtcpChecks.count(count, "items");
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (payload.length > RtcpCompound.MAX_PACKET_SIZE - RtcpChecks.HEADER_SIZE) {
            throw new IllegalArgumentException("RTCP payload too long: " + payload.length);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    private int padding() {
        int rem = payload.length % 4;
        return rem == 0 ? 0 : 4 - rem;
    }

    @Override
    public int size() {
        return RtcpChecks.HEADER_SIZE + payload.length + padding();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int pad = padding();
        RtcpChecks.writeHeader(out, count, packetType, size());
        if (pad > 0) {
            int header = out.position() - RtcpChecks.HEADER_SIZE;
            out.put(header, (byte) (out.get(header) | 0x20));
        }
        out.put(payload);
        for (int i = 1; i < pad; i++) {
            out.put((byte) 0);
        }
        if (pad > 0) {
            out.put((byte) pad);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRtcp u && packetType == u.packetType && count == u.count && Arrays.equals(payload, u.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * packetType + count) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UnknownRtcp{type=" + packetType + ", count=" + count + ", payload=" + payload.length + "B}";
    }
}
