package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.util.Map;

/**
 * RTP/AVP/TCP: each packet goes on the RTSP connection after its own 4-byte {@code $} header
 * (RFC 2326 10.12) on the channel the client chose. The header is a separate small buffer so the
 * packet itself stays the one buffer shared by every reader; Netty writes both with one writev.
 */
public final class InterleavedOutlet extends TrackOutlet<TrackTransport.Interleaved> {
    public InterleavedOutlet(Channel connection, Map<Integer, TrackTransport.Interleaved> tracks) {
        super(connection, tracks);
    }

    @Override
    ChannelFuture writeRtp(TrackTransport.Interleaved destination, ByteBuf packet) {
        writeHeader(destination.rtpChannel(), packet);
        return socket.write(packet);
    }

    @Override
    void writeRtcp(TrackTransport.Interleaved destination, ByteBuf packet) {
        writeHeader(destination.rtcpChannel(), packet);
        socket.write(packet, socket.voidPromise());
    }

    private void writeHeader(int channel, ByteBuf packet) {
        ByteBuf header = socket.alloc().buffer(InterleavedFrame.HEADER_SIZE);
        header.writeByte(InterleavedFrame.MAGIC).writeByte(channel).writeShort(packet.readableBytes());
        socket.write(header, socket.voidPromise());
    }
}
