package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Public header of an OPTIONS response (RFC 2326 section 12.28): the methods the server
 * supports. A client reads it to choose GET_PARAMETER or OPTIONS as its keep-alive.
 * Methods are kept as written and compared case-insensitively, since some servers shout and some
 * don't.
 */
public record PublicHeader(List<String> methods) {
    public PublicHeader {
        methods = List.copyOf(methods);
        for (String m : methods) {
            if (!HeaderValues.isToken(m)) {
                throw new IllegalArgumentException("not a method: " + m);
            }
        }
    }

    public static PublicHeader of(String... methods) {
        return new PublicHeader(List.of(methods));
    }

    /** Parses a comma-separated method list; empty items ({@code OPTIONS,,PLAY}) are skipped. */
    public static PublicHeader parse(String value) throws ParseException {
        List<String> methods = new ArrayList<>();
        for (Segment s : HeaderValues.split(value, ',')) {
            if (s.isEmpty()) {
                continue;
            }
            if (!HeaderValues.isToken(s.text())) {
                throw s.error("not a method: '" + HeaderValues.abbreviate(s.text()) + "'");
            }
            methods.add(s.text());
        }
        return new PublicHeader(methods);
    }

    public boolean supports(String method) {
        String wanted = method.toUpperCase(Locale.ROOT);
        return methods.stream().anyMatch(m -> m.toUpperCase(Locale.ROOT).equals(wanted));
    }

    public String format() {
        return String.join(", ", methods);
    }

    @Override
    public String toString() {
        return format();
    }
}
