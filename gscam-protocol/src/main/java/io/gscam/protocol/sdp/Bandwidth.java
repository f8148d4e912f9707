package io.gscam.protocol.sdp;

import java.util.Objects;
import java.util.Optional;

/** A {@code b=<type>:<kbit/s>} line (RFC 4566 section 5.8), such as {@code AS:1024}. */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || type.indexOf(':') >= 0 || value < 0) {
            throw new IllegalArgumentException("bad bandwidth " + type + ":" + value);
        }
    }

    /** Reads a {@code b=} value; empty when it is not {@code type:number}. */
    public static Optional<Bandwidth> parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            String type = value.substring(0, colon).trim();
            long v = Long.parseLong(value.substring(colon + 1).trim());
            return v < 0 || type.isEmpty() ? Optional.empty() : Optional.of(new Bandwidth(type, v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of the {@code b=} line. */
    public String format() {
        return type + ":" + value;
    }
}
