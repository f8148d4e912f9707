package io.gscam.cli.client;

import io.gscam.cli.CommandFailure;

import java.time.Duration;

/** Seconds given on the command line (fractions allowed) as a Duration. */
public final class Durations {
    private Durations() {
    }

    /** {@code seconds} as a Duration; a usage error naming {@code option} when not positive. */
    public static Duration seconds(double seconds, String option) {
        if (!(seconds > 0) || seconds > 1e9) {
            throw new CommandFailure(option + " must be a positive number of seconds: " + seconds, 2);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
