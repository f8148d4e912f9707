package io.gscam.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;

/**
 * Where one reader's packets leave the server: its RTSP connection (TCP interleaved) or the server's
 * UDP socket pair. Everything runs on {@link #executor()} only.
 */
public interface PacketOutlet {
    /** The event loop that owns the socket; every method runs there. */
    EventExecutor executor();

    /** False once the socket is gone; writes are then dropped. */
    boolean isOpen();

    /** Bytes this outlet was given and that have not left yet (what a reader's byte budget bounds). */
    long pendingBytes();

    /**
     * Writes, without flushing, the batch's packets of the tracks this outlet sends; the batch stays
     * the caller's (the outlet keeps duplicates of what it writes).
     */
    void write(PacketBatch batch);

    /** Writes one RTCP packet of {@code track} (a sender report); the outlet takes ownership of it. */
    void writeRtcp(int track, ByteBuf packet);

    void flush();
}
