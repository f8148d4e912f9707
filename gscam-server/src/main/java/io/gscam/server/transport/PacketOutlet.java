package io.gscam.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;

/**
 * Where one reader's packets leave the server: its RTSP connection (TCP interleaved) or the server's
 * UDP socket pair. Writes happen on {@link #executor()} only; the outlet takes ownership of each
 * buffer it is given (releases it, or hands it to Netty which does).
 */
public interface PacketOutlet {
    /** The event loop that owns the socket; {@link #writeRtp}, {@link #writeRtcp} and {@link #flush} run there. */
    EventExecutor executor();

    /** False once the socket is gone; writes are then dropped. */
    boolean isOpen();

    /** Writes one RTP packet of {@code track}, completing {@code done} when it has left (or failed). */
    void writeRtp(int track, ByteBuf packet, Runnable done);

    /** Writes one RTCP packet of {@code track} (a sender report). */
    void writeRtcp(int track, ByteBuf packet);

    void flush();
}
