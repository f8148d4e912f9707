package io.gscam.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;

import java.util.Map;

/**
 * What both transports do with a packet before it leaves: find where its track goes, as SETUP
 * negotiated it, and drop (release) a packet of a track the reader did not set up.
 *
 * @param <T> the negotiated destination of one track
 */
abstract sealed class TrackOutlet<T> implements PacketOutlet permits InterleavedOutlet, UdpOutlet {
    private final Map<Integer, T> tracks;

    TrackOutlet(Map<Integer, T> tracks) {
        this.tracks = Map.copyOf(tracks);
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
