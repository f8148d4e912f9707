package io.gscam.protocol.sdp;

import java.util.Objects;

/**
 * One {@code <type>=<value>} line of a session description (RFC 4566 section 5), as it stands in
 * the text. Every part of a {@link SessionDescription} is kept as such lines, in their order, so a
 * description re-serialises as it came (unknown line types included) and the typed accessors only
 * read from them.
 */
public record SdpLine(char type, String value) {
    public SdpLine {
        Objects.requireNonNull(value, "value");
        if (!isType(type)) {
            throw new IllegalArgumentException("SDP line type must be an ASCII letter, got '" + type + "'");
        }
        // A line break inside a value would let a caller inject lines into the description.
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("SDP value must not contain a line break: " + value);
        }
    }

    static boolean isType(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The line as written, without its line terminator. */
    public String format() {
        return type + "=" + value;
    }

    @Override
    public String toString() {
        return format();
    }
}
