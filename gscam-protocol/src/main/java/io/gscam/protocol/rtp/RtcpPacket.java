package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;

/**
 * One RTCP packet (RFC 3550 section 6) of a compound packet; read and written by
 * {@link RtcpCompound}. The packets gscam interprets are records; every other type is kept whole as
 * {@link UnknownRtcp}, so a relay can pass APP or feedback packets on.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye, UnknownRtcp {
    int TYPE_SENDER_REPORT = 200;
    int TYPE_RECEIVER_REPORT = 201;
    int TYPE_SOURCE_DESCRIPTION = 202;
    int TYPE_GOODBYE = 203;
    int TYPE_APPLICATION = 204;

    /** The 8-bit packet type of the header. */
    int packetType();

    /** Bytes {@link #writeTo(ByteBuffer)} writes, header included; a multiple of 4. */
    int size();

    /** Writes the packet, header included, at the buffer's position and advances it. */
    void writeTo(ByteBuffer out);

    default byte[] toBytes() {
        byte[] out = new byte[size()];
        writeTo(ByteBuffer.wrap(out));
        return out;
    }
}
