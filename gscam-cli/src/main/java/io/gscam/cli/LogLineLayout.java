package io.gscam.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.util.TimeZone;

/**
 * gscam's log line, {@code HH:mm:ss.SSS LEVEL Logger - message} in local time, followed (as with
 * Logback's patterns) by the stack trace of the event's throwable: the same text as Logback's
 * {@link #PATTERN}, without its pattern parser and date formatter, which cost about 40 ms of every
 * start-up (docs/benchmarks.md, "Start-up").
 */
final class LogLineLayout extends LayoutBase<ILoggingEvent> {
    /** The Logback pattern whose text this layout writes. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final TimeZone zone;
    private final ThrowableProxyConverter throwable = new ThrowableProxyConverter();

    LogLineLayout() {
        this(TimeZone.getDefault());
    }

    LogLineLayout(TimeZone zone) {
        this.zone = zone;
    }

    @Override
    public void start() {
        throwable.setContext(getContext());
        throwable.start();
        super.start();
    }

    @Override
    public void stop() {
        throwable.stop();
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        long at = event.getTimeStamp();
        long ofDay = Math.floorMod(at + zone.getOffset(at), MILLIS_PER_DAY);
        digits(line, ofDay / 3_600_000, 2).append(':');
        digits(line, ofDay / 60_000 % 60, 2).append(':');
        digits(line, ofDay / 1000 % 60, 2).append('.');
        digits(line, ofDay % 1000, 3).append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        String logger = event.getLoggerName();
        line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length())
                .append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR)
                .append(throwable.convert(event));
        return line.toString();
    }

    private static StringBuilder digits(StringBuilder line, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            line.append('0');
        }
        return line.append(s);
    }
}
