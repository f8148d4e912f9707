package io.gscam.camera.source;

import java.time.Duration;

/**
 * A video frame rate as a fraction (30/1, 15/1, 30000/1001), so frame times and RTP ticks are
 * computed exactly from the frame index rather than accumulated, and never drift.
 */
public record FrameRate(int numerator, int denominator) {
    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate " + numerator + "/" + denominator + " must be positive");
        }
    }

    public static FrameRate of(int framesPerSecond) {
        return new FrameRate(framesPerSecond, 1);
    }

    /** Presentation time of frame {@code index} counted from frame 0. */
    public Duration frameTime(long index) {
        return Duration.ofNanos(Math.multiplyExact(index, 1_000_000_000L * denominator) / numerator);
    }

    /** How many whole frames fit in {@code elapsed} (0 for a negative duration): the index of the frame showing then. */
    public long framesIn(Duration elapsed) {
        if (elapsed.isNegative()) {
            return 0;
        }
        // Seconds and nanos apart, so centuries do not overflow.
        long whole = Math.multiplyExact(elapsed.getSeconds(), (long) numerator) / denominator;
        long fromWhole = Math.multiplyExact(elapsed.getSeconds(), (long) numerator) % denominator;
        return whole + (fromWhole * 1_000_000_000L + (long) elapsed.getNano() * numerator) / (1_000_000_000L * denominator);
    }

    /** Ticks of a {@code clockRate} clock at frame {@code index}, rounded down. */
    public long ticks(long index, int clockRate) {
        return Math.multiplyExact(index, (long) clockRate * denominator) / numerator;
    }

    /** The rate rounded to whole frames per second, as the Server header's FPS field wants it. */
    public int rounded() {
        return (int) Math.round((double) numerator / denominator);
    }

    public double perSecond() {
        return (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return denominator == 1 ? Integer.toString(numerator) : numerator + "/" + denominator;
    }
}
