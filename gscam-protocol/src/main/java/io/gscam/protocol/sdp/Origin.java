package io.gscam.protocol.sdp;

import io.gscam.protocol.Checks;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code o=} line (RFC 4566 section 5.2). Session id and version are kept as text: cameras send
 * 20-digit numbers that do not fit 64 bits, and hexadecimal ones, and a client only ever compares
 * or echoes them.
 */
public record Origin(String username, String sessionId, String sessionVersion,
                     String networkType, String addressType, String address) {
    public Origin {
        Checks.nonNull("username", username, "sessionId", sessionId, "sessionVersion", sessionVersion,
                "networkType", networkType, "addressType", addressType, "address", address);
    }

    /** {@code - <id> <id> IN IP4|IP6 <address>}, what a server writes for itself. */
    public static Origin of(String sessionId, String address) {
        return new Origin("-", sessionId, sessionId, "IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /**
     * Reads an {@code o=} value the way broken cameras write it: a username with spaces
     * ({@code RTSP Session 1 2 IN IP4 ...}), an extra number, a missing address. The fields are found
     * from the network type {@code IN} backwards and forwards. Empty when no {@code IN} is there
     * and the line does not have exactly six fields.
     */
    public static Optional<Origin> parse(String value) {
        String[] t = value.trim().split(" +");
        int in = -1;
        for (int i = t.length - 2; i >= 0; i--) {
            if (t[i].equalsIgnoreCase("IN")) {
                in = i;
                break;
            }
        }
        if (in < 0) {
            if (t.length != 6) {
                return Optional.empty();
            }
            in = 3;
        }
        String address = in + 2 < t.length ? String.join(" ", Arrays.copyOfRange(t, in + 2, t.length)) : "";
        String user = "";
        String id = "";
        String version = "";
        if (in >= 3) {
            user = String.join(" ", Arrays.copyOfRange(t, 0, in - 2));
            id = t[in - 2];
            version = t[in - 1];
        } else if (in == 2) {
            id = t[0];
            version = t[1];
        } else if (in == 1) {
            version = t[0];
        }
        return Optional.of(new Origin(user, id, version, t[in], t[in + 1], address));
    }

    /** The value of the {@code o=} line. */
    public String format() {
        return username + " " + sessionId + " " + sessionVersion + " " + networkType + " " + addressType + " " + address;
    }
}
