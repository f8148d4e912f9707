package io.gscam.cli.bench;

/**
 * What one fan-out reader received: written by its event loop, read by the reporter thread. Loss
 * comes from RTP sequence numbers per interleaved channel; the worst gap is the longest time between
 * two consecutive packets of any track, which shows a reader skipped to the next keyframe.
 */
final class ReaderStats {
    private static final int CHANNELS = 256;

    private volatile long bytes;
    private volatile long packets;
    private volatile long lost;
    private volatile long worstGapNanos;
    /** When the worst gap ended (System.nanoTime): gaps of many readers ending together are a pause. */
    private volatile long worstGapEndNanos;
    private long lastPacketNanos;
    private final int[] nextSeq = new int[CHANNELS];

    ReaderStats() {
        java.util.Arrays.fill(nextSeq, -1);
    }

    /**
     * One interleaved frame of {@code length} payload bytes on {@code channel}; {@code seq} is the RTP
     * sequence number of an RTP channel (even), or -1 for RTCP.
     */
    void frame(int channel, int length, int seq, long nowNanos) {
        bytes += length + 4;
        if (seq < 0) {
            return;
        }
        packets++;
        int expected = nextSeq[channel];
        if (expected >= 0 && seq != expected) {
            int jump = (seq - expected) & 0xFFFF;
            if (jump < 0x8000) {
                lost += jump; // a forward jump: packets never delivered (skipped or lost)
            }
        }
        nextSeq[channel] = (seq + 1) & 0xFFFF;
        if (lastPacketNanos != 0) {
            long gap = nowNanos - lastPacketNanos;
            if (gap > worstGapNanos) {
                worstGapNanos = gap;
                worstGapEndNanos = nowNanos;
            }
        }
        lastPacketNanos = nowNanos;
    }

    /** Starts the measured window: the worst gap so far (start-up) does not count. */
    void resetGap() {
        worstGapNanos = 0;
    }

    long bytes() {
        return bytes;
    }

    long packets() {
        return packets;
    }

    long lost() {
        return lost;
    }

    long worstGapNanos() {
        return worstGapNanos;
    }

    long worstGapEndNanos() {
        return worstGapEndNanos;
    }
}
