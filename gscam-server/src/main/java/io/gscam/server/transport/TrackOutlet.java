package io.gscam.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;

/**
 * What both transports do with a packet before it leaves: find where its track goes, as SETUP
 * negotiated it, and drop (release) a packet of a track the reader did not set up. Writes run on,
 * and are flushed on, the one channel RTP leaves by; the outlet is open while that channel is.
 *
 * @param <T> the negotiated destination of one track
 */
abstract sealed class TrackOutlet<T> implements PacketOutlet permits InterleavedOutlet, UdpOutlet {
    /** The socket RTP packets leave by: the RTSP connection, or the server's RTP socket. */
    final Channel socket;
    private final Map<Integer, T> tracks;

    TrackOutlet(Channel socket, Map<Integer, T> tracks) {
        this.socket = socket;
        this.tracks = Map.copyOf(tracks);
    }

    @Override
    public final EventExecutor executor() {
        return socket.eventLoop();
    }

    @Override
    public final boolean isOpen() {
        return socket.isActive();
    }

    @Override
    public final void flush() {
        socket.flush();
    }

    @Override
    public final void writeRtp(int track, ByteBuf packet, Runnable done) {
        T destination = tracks.get(track);
        if (destination == null) {
            ReferenceCountUtil.release(packet);
            done.run();
            return;
        }
        writeRtp(destination, packet).addListener(f -> done.run());
    }

    @Override
    public final void writeRtcp(int track, ByteBuf packet) {
        T destination = tracks.get(track);
        if (destination == null) {
            ReferenceCountUtil.release(packet);
            return;
        }
        writeRtcp(destination, packet);
    }

    /** Writes (without flushing) one RTP packet to its track's destination; the future completes when it has left. */
    abstract ChannelFuture writeRtp(T destination, ByteBuf packet);

    /** Writes one RTCP packet to its track's destination. */
    abstract void writeRtcp(T destination, ByteBuf packet);
}
