package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues;

import java.util.Objects;

/** {@code Basic realm="..."} (RFC 7617). */
public record BasicChallenge(String realm) implements AuthChallenge {
    public BasicChallenge {
        Objects.requireNonNull(realm, "realm");
        if (!HeaderValues.isQuotable(realm)) {
            throw new IllegalArgumentException("control character in realm");
        }
    }

    /** Parses a value holding exactly one Basic challenge. */
    public static BasicChallenge parse(String value) throws ParseException {
        var all = AuthChallenge.parseAll(value);
        if (all.size() != 1 || !(all.get(0) instanceof BasicChallenge b)) {
            throw new ParseException("not a single Basic challenge", 0);
        }
        return b;
    }

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public String format() {
        return "Basic realm=" + HeaderValues.quote(realm);
    }
}
