package io.gscam.protocol.sdp;

import java.util.Objects;

/**
 * An {@code a=} line read as name and value (RFC 4566 section 5.13). A property attribute
 * ({@code a=recvonly}) has an empty value. The value is as written after the first colon.
 */
public record SdpAttribute(String name, String value) {
    public SdpAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Reads the value of an {@code a=} line. */
    public static SdpAttribute parse(String lineValue) {
        int colon = lineValue.indexOf(':');
        return colon < 0
                ? new SdpAttribute(lineValue.trim(), "")
                : new SdpAttribute(lineValue.substring(0, colon).trim(), lineValue.substring(colon + 1));
    }

    /** The value of the {@code a=} line: {@code name} or {@code name:value}. */
    public String format() {
        return value.isEmpty() ? name : name + ":" + value;
    }
}
