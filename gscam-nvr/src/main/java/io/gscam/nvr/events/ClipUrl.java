package io.gscam.nvr.events;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code /get} URL path of a time range of one camera: what an event's {@code clip} is. */
public final class ClipUrl {
    private ClipUrl() {
    }

    public static String of(String camera, Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        double seconds = Math.max(0, Duration.between(start, to).toMillis()) / 1000.0;
        return "/get?camera=" + camera + "&start=" + start + "&duration=" + seconds;
    }
}
