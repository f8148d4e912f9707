package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;

/**
 * RTP/AVP/TCP: each packet goes on the RTSP connection after its own 4-byte {@code $} header
 * (RFC 2326 10.12) on the channel the client chose. The header is a separate small buffer so the
 * packet itself stays the one buffer shared by every reader; Netty writes both with one writev.
 */
public final class InterleavedOutlet implements PacketOutlet {
    private final Channel connection;
    private final Map<Integer, TrackTransport.Interleaved> tracks;

    public InterleavedOutlet(Channel connection, Map<Integer, TrackTransport.Interleaved> tracks) {
        this.connection = connection;
        this.tracks = Map.copyOf(tracks);
    }

    @Override
    public EventExecutor executor() {
        return connection.eventLoop();
    }

    @Override
    public boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public void writeRtp(int track, ByteBuf packet, Runnable done) {
        TrackTransport.Interleaved t = tracks.get(track);
        if (t == null) {
            ReferenceCountUtil.release(packet);
            done.run();
            return;
        }
        write(t.rtpChannel(), packet);
        connection.write(packet).addListener(f -> done.run());
    }

    @Override
    public void writeRtcp(int track, ByteBuf packet) {
        TrackTransport.Interleaved t = tracks.get(track);
        if (t == null) {
            ReferenceCountUtil.release(packet);
            return;
        }
        write(t.rtcpChannel(), packet);
        connection.write(packet, connection.voidPromise());
    }

    private void write(int channel, ByteBuf packet) {
        ByteBuf header = connection.alloc().buffer(InterleavedFrame.HEADER_SIZE);
        header.writeByte(InterleavedFrame.MAGIC).writeByte(channel).writeShort(packet.readableBytes());
        connection.write(header, connection.voidPromise());
    }

    @Override
    public void flush() {
        connection.flush();
    }
}
