package io.gscam.nvr.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's path and the parameters of {@code /list}, {@code /get}, {@code /api/events} and
 * {@code /api/gaps}, read and checked in one place, so that whatever a client sends is a value or a
 * {@link BadRequest} with a reason, never an exception from deeper down (a bad percent-escape, a year
 * past what the index's epoch milliseconds hold).
 */
final class ApiQuery {
    /** The longest clip {@code /get} cuts. */
    static final Duration MAX_GET = Duration.ofHours(1);
    /**
     * RFC 3339's date-time starts with a four-digit year; java.time also takes {@code +999999999-...},
     * whose epoch milliseconds overflow a long.
     */
    private static final Pattern RFC3339_START = Pattern.compile("[0-9]{4}-.*", Pattern.DOTALL);

    private final String path;
    private final Map<String, List<String>> parameters;

    private ApiQuery(String path, Map<String, List<String>> parameters) {
        this.path = path;
        this.parameters = parameters;
    }

    /** The decoded path and parameters of a request URI. */
    static ApiQuery of(QueryStringDecoder q) throws BadRequest {
        try {
            return new ApiQuery(q.path(), q.parameters());
        } catch (IllegalArgumentException e) { // a malformed percent-escape
            throw new BadRequest("malformed URI: " + e.getMessage());
        }
    }

    String path() {
        return path;
    }

    Map<String, List<String>> parameters() {
        return parameters;
    }

    /** The first value of {@code name}, or null. */
    String param(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** {@code camera}, or MediaMTX's {@code path}; required. */
    String cameraName() throws BadRequest {
        String name = param("camera");
        if (name == null) {
            name = param("path");
        }
        if (name == null) {
            throw new BadRequest("camera is required");
        }
        return name;
    }

    /** An RFC 3339 time, or null when absent. A space stands for the {@code +} of an offset that was not escaped. */
    Instant time(String name) throws BadRequest {
        String v = param(name);
        if (v == null) {
            return null;
        }
        String text = v.replace(' ', '+');
        try {
            if (RFC3339_START.matcher(text).matches()) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new BadRequest(name + " must be an RFC 3339 time, e.g. 2026-01-05T10:15:00Z");
    }

    /** {@code /get}'s {@code duration}: seconds, above 0 and at most {@link #MAX_GET}; required. */
    Duration duration() throws BadRequest {
        String d = param("duration");
        if (d == null) {
            throw new BadRequest("duration is required (seconds)");
        }
        double seconds;
        try {
            seconds = Double.parseDouble(d);
        } catch (NumberFormatException e) {
            throw new BadRequest("duration must be a number of seconds");
        }
        long nanos = (long) (seconds * 1e9); // 0 for a positive value below a nanosecond (found by fuzzing: 052e-64)
        if (!(seconds > 0) || nanos <= 0 || seconds > MAX_GET.toSeconds()) {
            throw new BadRequest("duration must be above 0 and at most " + MAX_GET.toSeconds() + " s");
        }
        return Duration.ofNanos(nanos);
    }

    /** {@code /get}'s {@code format}: mp4 (the default), fmp4 or mkv. */
    ClipExport.Format format() throws BadRequest {
        String f = param("format");
        if (f == null) {
            return ClipExport.Format.MP4;
        }
        for (ClipExport.Format format : ClipExport.Format.values()) {
            if (format.name().equals(f.toUpperCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new BadRequest("format must be mp4, fmp4 or mkv");
    }

    /** A request the API refuses, with the status (400 unless said) and a reason for the body. */
    static final class BadRequest extends Exception {
        final HttpResponseStatus status;

        BadRequest(String message) {
            this(HttpResponseStatus.BAD_REQUEST, message);
        }

        BadRequest(HttpResponseStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
