package io.gscam.protocol.sdp;

import io.gscam.protocol.Checks;

import java.util.Optional;

/** The {@code c=} line (RFC 4566 section 5.7); the address keeps any {@code /ttl/count} suffix. */
public record ConnectionData(String networkType, String addressType, String address) {
    public ConnectionData {
        Checks.nonNull("networkType", networkType, "addressType", addressType, "address", address);
    }

    /** {@code IN IP4 <address>}, or {@code IN IP6} when the address has a colon. */
    public static ConnectionData of(String address) {
        return new ConnectionData("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /**
     * Reads a {@code c=} value. Tolerates a Hikvision firmware that repeats the prefix
     * ({@code c=IN c=IN IP4 0.0.0.0}) and a lower-case network type ({@code In}).
     */
    public static Optional<ConnectionData> parse(String value) {
        String v = value;
        int repeated = v.lastIndexOf("c=");
        if (repeated >= 0) {
            v = v.substring(repeated + 2);
        }
        String[] t = v.trim().split(" +");
        if (t.length != 3) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionData(t[0].toUpperCase(java.util.Locale.ROOT), t[1], t[2]));
    }

    /** The value of the {@code c=} line. */
    public String format() {
        return networkType + " " + addressType + " " + address;
    }
}
