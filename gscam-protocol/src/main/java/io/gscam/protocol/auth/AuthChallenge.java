package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * One challenge of a WWW-Authenticate header: Digest, Basic, or another scheme kept as read.
 * A 401 may carry several, in several headers or comma-separated in one.
 */
public sealed interface AuthChallenge permits DigestChallenge, BasicChallenge, OtherChallenge {

    /** The scheme name as it is written ({@code Digest}, {@code Basic}). */
    String scheme();

    /** The WWW-Authenticate header value for this challenge alone. */
    String format();

    /** Every challenge in one WWW-Authenticate header value, in order. */
    static List<AuthChallenge> parseAll(String value) throws ParseException {
        List<AuthChallenge> out = new ArrayList<>();
        for (AuthHeaderParser.Item item : AuthHeaderParser.parse(value)) {
            out.add(of(item));
        }
        return out;
    }

    /** Every challenge of all the WWW-Authenticate headers of a response, in order. */
    static List<AuthChallenge> parseAll(List<String> values) throws ParseException {
        List<AuthChallenge> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(parseAll(v));
        }
        return out;
    }

    private static AuthChallenge of(AuthHeaderParser.Item item) throws ParseException {
        if (item.scheme().equalsIgnoreCase("Digest")) {
            return DigestChallenge.of(item);
        }
        if (item.scheme().equalsIgnoreCase("Basic")) {
            // RFC 7617 requires realm; a camera that omits it still means Basic.
            return new BasicChallenge(item.param("realm").orElse(""));
        }
        if (item.token68().isPresent() && !item.params().isEmpty()) {
            throw new ParseException(item.scheme() + " challenge has both a token68 and parameters", item.offset());
        }
        return new OtherChallenge(item.scheme(), item.token68(), item.params());
    }
}
