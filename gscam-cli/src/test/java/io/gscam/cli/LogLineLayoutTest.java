package io.gscam.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogLineLayout} writes what Logback's pattern layout writes for its pattern. */
class LogLineLayoutTest {
    private final LoggerContext context = new LoggerContext();

    private PatternLayout logbacks(String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    private LogLineLayout ours(TimeZone zone) {
        LogLineLayout layout = new LogLineLayout(zone);
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private LoggingEvent event(String logger, Level level, long at, Throwable thrown, String message, Object... args) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger(logger), level, message, thrown, args);
        event.setTimeStamp(at);
        return event;
    }

    private static Throwable nested() {
        IllegalStateException cause = new IllegalStateException("inner");
        RuntimeException thrown = new RuntimeException("outer, with a cause", cause);
        thrown.addSuppressed(new java.io.IOException("suppressed"));
        return thrown;
    }

    @Test
    void theDefaultZone_sameTextAsLogbacksPattern() {
        PatternLayout logback = logbacks(LogLineLayout.PATTERN);
        LogLineLayout ours = new LogLineLayout();
        ours.setContext(context);
        ours.start();
        long now = System.currentTimeMillis();
        for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            LoggingEvent e = event("io.gscam.camera.CameraServer", level, now, null, "listening on {} and {}", 8554, "x");
            assertThat(ours.doLayout(e)).isEqualTo(logback.doLayout(e)).endsWith("CameraServer - listening on 8554 and x"
                    + System.lineSeparator());
        }
        LoggingEvent failed = event("io.gscam.server.rtsp.RtspConnectionHandler", Level.WARN, now, nested(), "failed");
        assertThat(ours.doLayout(failed)).isEqualTo(logback.doLayout(failed)).contains("Caused by: ", "Suppressed: ");
    }

    @Test
    void otherZonesAndTimesOfDay_sameTextAsLogbacksPatternInThatZone() {
        long[] times = {0L, 1L, 59_999L, 86_399_999L, 1_700_000_000_123L, 1_711_846_799_999L, 1_711_846_800_000L,
                -1L, System.currentTimeMillis()};
        for (String id : List.of("UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Berlin", "Pacific/Kiritimati")) {
            PatternLayout logback = logbacks(LogLineLayout.PATTERN.replace("%d{HH:mm:ss.SSS}", "%d{HH:mm:ss.SSS, " + id + "}"));
            LogLineLayout ours = ours(TimeZone.getTimeZone(id));
            for (long at : times) {
                LoggingEvent e = event("Unpackaged", Level.INFO, at, null, "at {}", at);
                assertThat(ours.doLayout(e)).as("%s at %d", id, at).isEqualTo(logback.doLayout(e));
            }
        }
    }

    @Test
    void aThrowableWithoutMessageOrLoggerWithTrailingDot_sameTextAsLogbacksPattern() {
        PatternLayout logback = logbacks(LogLineLayout.PATTERN.replace("%d{HH:mm:ss.SSS}", "%d{HH:mm:ss.SSS, UTC}"));
        LogLineLayout ours = ours(TimeZone.getTimeZone("UTC"));
        for (String logger : List.of("a.", "x.y.Z$Inner", "ROOT")) {
            LoggingEvent e = event(logger, Level.ERROR, 1_234_567L, new NullPointerException(), null);
            assertThat(ours.doLayout(e)).isEqualTo(logback.doLayout(e));
        }
    }
}
