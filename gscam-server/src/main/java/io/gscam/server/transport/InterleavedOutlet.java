package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import java.util.Map;

/**
 * RTP/AVP/TCP: each packet goes on the RTSP connection after its own 4-byte {@code $} header
 * (RFC 2326 10.12) on the channel the client chose. A frame's packets go as one buffer, framed once
 * per channel for every reader ({@link PacketBatch#interleaved}): one write per reader and frame,
 * no allocation per packet. What is pending is the connection's own outbound buffer.
 */
public final class InterleavedOutlet extends TrackOutlet<TrackTransport.Interleaved> {
    public InterleavedOutlet(Channel connection, Map<Integer, TrackTransport.Interleaved> tracks) {
        super(connection, tracks);
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer out = socket.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    @Override
    void write(TrackTransport.Interleaved destination, PacketBatch batch) {
        // A duplicate per reader: Netty moves a buffer's reader index as a partial write goes out.
        socket.write(batch.interleaved(destination.rtpChannel()).retainedDuplicate(), socket.voidPromise());
    }

    @Override
    void writeRtcp(TrackTransport.Interleaved destination, ByteBuf packet) {
        ByteBuf header = socket.alloc().buffer(InterleavedFrame.HEADER_SIZE);
        header.writeByte(InterleavedFrame.MAGIC).writeByte(destination.rtcpChannel()).writeShort(packet.readableBytes());
        socket.write(header, socket.voidPromise());
        socket.write(packet, socket.voidPromise());
    }
}
