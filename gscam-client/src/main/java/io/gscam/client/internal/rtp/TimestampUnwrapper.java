package io.gscam.client.internal.rtp;

/**
 * Extends 32-bit RTP timestamps to a running 64-bit count from the first one seen, across
 * wrap-around (every 13 hours at 90 kHz), so presentation times keep increasing. A step back (B
 * frames, reordering) is taken as a small negative delta, never as a wrap.
 */
public final class TimestampUnwrapper {
    private boolean started;
    private long last32;
    private long extended;

    /** Ticks since the first timestamp; may be negative for a timestamp before the first one. */
    public long unwrap(long timestamp32) {
        if (!started) {
            started = true;
            last32 = timestamp32;
            extended = 0;
            return 0;
        }
        int delta = (int) (timestamp32 - last32); // signed 32-bit difference: wrap-around safe
        extended += delta;
        last32 = timestamp32;
        return extended;
    }
}
