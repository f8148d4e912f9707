package io.gscam.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;

/**
 * What both transports do with a batch before it leaves: find where its track goes, as SETUP
 * negotiated it, and send nothing of a track the reader did not set up. Writes run on, and are
 * flushed on, the one channel RTP leaves by; the outlet is open while that channel is.
 *
 * @param <T> the negotiated destination of one track
 */
abstract sealed class TrackOutlet<T> implements PacketOutlet permits InterleavedOutlet, UdpOutlet {
    /** The socket RTP packets leave by: the RTSP connection, or the server's RTP socket. */
    final Channel socket;
    /** Destinations by track index (a plain array: looked up once per reader and frame). */
    private final Object[] tracks;

    TrackOutlet(Channel socket, Map<Integer, T> tracks) {
        this.socket = socket;
        int size = tracks.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.tracks = new Object[size];
        tracks.forEach((index, destination) -> this.tracks[index] = destination);
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
    public void flush() {
        socket.flush();
    }

    @Override
    public final void write(PacketBatch batch) {
        T destination = destination(batch.track());
        if (destination != null) {
            write(destination, batch);
        }
    }

    @Override
    public final void writeRtcp(int track, ByteBuf packet) {
        T destination = destination(track);
        if (destination == null) {
            ReferenceCountUtil.release(packet);
            return;
        }
        writeRtcp(destination, packet);
    }

    @SuppressWarnings("unchecked")
    private T destination(int track) {
        return track >= 0 && track < tracks.length ? (T) tracks[track] : null;
    }

    /** Writes (without flushing) the batch's packets to their track's destination. */
    abstract void write(T destination, PacketBatch batch);

    /** Writes one RTCP packet to its track's destination. */
    abstract void writeRtcp(T destination, ByteBuf packet);
}
