package io.gscam.cli.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one fan-out reader received: written by its event loop, read by the reporter thread. Loss
 * comes from RTP sequence numbers per interleaved channel; the worst gap is the longest time between
 * two consecutive packets of any track, which shows a reader skipped to the next keyframe.
 *
 * <p>One writer: the counts are plain fields published with release stores (no fence per packet,
 * where a volatile store costs one on every packet of a thousand readers sharing the camera's cores)
 * and read with acquire loads.
 */
final class ReaderStats {
    private static final int CHANNELS = 256;
    private static final VarHandle BYTES;
    private static final VarHandle PACKETS;
    private static final VarHandle LOST;
    private static final VarHandle WORST_GAP;
    private static final VarHandle WORST_GAP_END;
    private static final VarHandle OPENING_GAP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BYTES = l.findVarHandle(ReaderStats.class, "bytes", long.class);
            PACKETS = l.findVarHandle(ReaderStats.class, "packets", long.class);
            LOST = l.findVarHandle(ReaderStats.class, "lost", long.class);
            WORST_GAP = l.findVarHandle(ReaderStats.class, "worstGapNanos", long.class);
            WORST_GAP_END = l.findVarHandle(ReaderStats.class, "worstGapEndNanos", long.class);
            OPENING_GAP = l.findVarHandle(ReaderStats.class, "openingGapNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long bytes;
    private long packets;
    private long lost;
    private long worstGapNanos;
    /** When the worst gap ended (System.nanoTime): gaps of many readers ending together are a pause. */
    private long worstGapEndNanos;
    /** The pause in progress when the window opened, whole (its part in the window counts in the worst gap). */
    private long openingGapNanos;
    private long lastPacketNanos;
    /** When the measured window opened, by this reader's event loop; 0 before. */
    private long windowStartNanos;
    private final int[] nextSeq = new int[CHANNELS];

    ReaderStats() {
        java.util.Arrays.fill(nextSeq, -1);
    }

    /**
     * One interleaved frame of {@code length} payload bytes on {@code channel}; {@code seq} is the RTP
     * sequence number of an RTP channel (even), or -1 for RTCP.
     */
    void frame(int channel, int length, int seq, long nowNanos) {
        BYTES.setRelease(this, bytes + length + 4);
        if (seq < 0) {
            return;
        }
        PACKETS.setRelease(this, packets + 1);
        int expected = nextSeq[channel];
        if (expected >= 0 && seq != expected) {
            int jump = (seq - expected) & 0xFFFF;
            if (jump < 0x8000) {
                LOST.setRelease(this, lost + jump); // a forward jump: packets never delivered (skipped or lost)
            }
        }
        nextSeq[channel] = (seq + 1) & 0xFFFF;
        if (lastPacketNanos != 0) {
            long gap = nowNanos - lastPacketNanos;
            if (lastPacketNanos < windowStartNanos) { // a pause that began before the window: the window has its rest
                OPENING_GAP.setRelease(this, gap);
                gap = nowNanos - windowStartNanos;
            }
            if (gap > worstGapNanos) {
                WORST_GAP_END.setRelease(this, nowNanos);
                WORST_GAP.setRelease(this, gap);
            }
        }
        lastPacketNanos = nowNanos;
    }

    /**
     * Starts the measured window at {@code nowNanos} (on the reader's event loop): the worst gap so far
     * (start-up) does not count, and a pause in progress counts from now, its whole length kept apart
     * ({@link #openingGapNanos()}).
     */
    void resetGap(long nowNanos) {
        windowStartNanos = nowNanos;
        WORST_GAP.setRelease(this, 0L);
    }

    long bytes() {
        return (long) BYTES.getAcquire(this);
    }

    long packets() {
        return (long) PACKETS.getAcquire(this);
    }

    long lost() {
        return (long) LOST.getAcquire(this);
    }

    long worstGapNanos() {
        return (long) WORST_GAP.getAcquire(this);
    }

    /** The whole length of the pause that was in progress when the window opened; 0 when none was. */
    long openingGapNanos() {
        return (long) OPENING_GAP.getAcquire(this);
    }

    long worstGapEndNanos() {
        return (long) WORST_GAP_END.getAcquire(this);
    }
}
