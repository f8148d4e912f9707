package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Basic scheme's Authorization value (RFC 7617): {@code Basic base64(user:password)}, in UTF-8.
 */
public final class BasicCredentials {
    private BasicCredentials() {
    }

    /** The Authorization header value for {@code credentials}. */
    public static String encode(Credentials credentials) {
        if (credentials.username().indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name cannot contain ':'");
        }
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an Authorization header value of the Basic scheme (scheme name in any case). */
    public static Credentials decode(String value) throws ParseException {
        AuthHeaderParser.Item item = single(value);
        String encoded = item.token68().orElseThrow(
                () -> new ParseException("Basic credentials need one base64 token", item.offset()));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ParseException("bad base64 in Basic credentials", item.offset(), e);
        }
        String pair = new String(raw, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new ParseException("Basic credentials without ':'", item.offset());
        }
        return new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    private static AuthHeaderParser.Item single(String value) throws ParseException {
        var items = AuthHeaderParser.parse(value);
        AuthHeaderParser.Item item = items.get(0);
        if (items.size() != 1 || !item.scheme().equalsIgnoreCase("Basic")) {
            throw new ParseException("not a Basic Authorization value", item.offset());
        }
        return item;
    }
}
