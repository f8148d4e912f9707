package io.gscam.protocol.rtp;

/**
 * Interarrival jitter (RFC 3550 section 6.4.1, computed as appendix A.8's integer form): the
 * smoothed mean deviation of packet spacing at the receiver from spacing at the sender, in RTP
 * timestamp units. The caller gives each packet's arrival time already converted to the stream's
 * clock units (time comes from an injected clock, never from here), in the order packets arrive.
 * Not thread-safe: one per stream, fed from one thread.
 */
public final class InterarrivalJitter {
    private boolean started;
    private long previousArrival;
    private long previousTimestamp;
    /** Jitter times 16, so the 1/16 gain keeps its fraction (A.8). */
    private long scaledJitter;

    /**
     * Accounts for one packet.
     *
     * @param rtpTimestamp the packet's 32-bit RTP timestamp
     * @param arrival      its arrival time in the same clock units, from any fixed origin
     */
    public void update(long rtpTimestamp, long arrival) {
        if (started) {
            // (Rj - Ri) - (Sj - Si); the sender's difference taken modulo 2^32, so wrap-around is harmless.
            long d = (arrival - previousArrival) - (int) (rtpTimestamp - previousTimestamp);
            d = Math.abs(d);
            scaledJitter += d - ((scaledJitter + 8) >> 4);
        }
        started = true;
        previousArrival = arrival;
        previousTimestamp = rtpTimestamp;
    }

    /** The jitter estimate in timestamp units, clamped to the 32-bit report field. */
    public long jitter() {
        return Math.min(scaledJitter >> 4, 0xFFFF_FFFFL);
    }

    /** Forgets everything, as after the source restarted its sequence. */
    public void reset() {
        started = false;
        scaledJitter = 0;
    }

    /** Converts a time in nanoseconds to clock units of the given rate, for {@link #update}. */
    public static long toClockUnits(long nanos, int clockRate) {
        // Split at whole seconds so that large System.nanoTime() values cannot overflow.
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rest = Math.floorMod(nanos, 1_000_000_000L);
        return seconds * clockRate + rest * clockRate / 1_000_000_000L;
    }
}
