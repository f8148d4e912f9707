package io.gscam.camera.alarm;

import java.util.Locale;
import java.util.Optional;

/** What raised an alarm: the motion detector or one of the four alarm inputs of a DVS. */
public enum AlarmSource {
    MOTION, INPUT1, INPUT2, INPUT3, INPUT4;

    /** The source named {@code text} (any case), as the HTTP API and the alarm message spell it. */
    public static Optional<AlarmSource> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
