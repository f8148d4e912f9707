package io.gscam.media.container;

/**
 * Extends 32-bit unsigned RTP timestamps to a 64-bit count that keeps growing across wraparound
 * (every 13 h 15 min at 90 kHz). A step is read as the shorter way round the 32-bit circle, so
 * small steps backwards (B-frame reordering) stay small and negative.
 */
public final class RtpTimestampUnwrapper {
    private boolean started;
    private long last32;
    private long unwrapped;

    /** The timestamp extended to 64 bits; the first one is returned as it is. */
    public long unwrap(long timestamp32) {
        if (!started) {
            started = true;
            last32 = timestamp32;
            unwrapped = timestamp32;
            return unwrapped;
        }
        int step = (int) (timestamp32 - last32); // signed 32-bit difference
        last32 = timestamp32;
        unwrapped += step;
        return unwrapped;
    }
}
