package io.gscam.protocol.auth;

import io.gscam.protocol.Checks;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Authorization value of the Digest scheme (RFC 2617 section 3.2.2), for example the spec's
 * {@code Digest username="admin", realm="Surveillance Server", nonce="30507280",
 * uri="rtsp://192.168.86.232:554/0", response="5820de362eb72ee848e98105dfc24814"}.
 *
 * <p>Parsing accepts quoted or bare values in any order and any case of names. Writing quotes what
 * RFC 2617 quotes and leaves {@code algorithm}, {@code qop} and {@code nc} bare, since some servers
 * reject {@code qop="auth"}.
 *
 * @param nonceCount the {@code nc} value, written as 8 hex digits; present with qop
 * @param extensions parameters not modelled here, in order
 */
public record DigestAuthorization(String username, String realm, String nonce, String uri, String response,
                                  Optional<String> algorithm, Optional<String> cnonce, OptionalLong nonceCount,
                                  Optional<String> qop, Optional<String> opaque, List<AuthParam> extensions) {

    private static final List<String> MODELLED = List.of("username", "realm", "nonce", "uri", "response",
            "algorithm", "cnonce", "nc", "qop", "opaque");

    public DigestAuthorization {
        new AuthParam("username", username);
        new AuthParam("realm", realm);
        new AuthParam("nonce", nonce);
        new AuthParam("uri", uri);
        new AuthParam("response", response);
        Checks.nonNull("algorithm", algorithm, "cnonce", cnonce, "nonceCount", nonceCount, "qop", qop,
                "opaque", opaque);
        algorithm.ifPresent(a -> requireToken("algorithm", a));
        qop.ifPresent(q -> requireToken("qop", q));
        cnonce.ifPresent(c -> new AuthParam("cnonce", c));
        opaque.ifPresent(o -> new AuthParam("opaque", o));
        if (nonceCount.isPresent() && (nonceCount.getAsLong() < 0 || nonceCount.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("nc out of range: " + nonceCount.getAsLong());
        }
        extensions = AuthParam.extensions(extensions, MODELLED);
    }

    /** The RFC 2069 form the spec's client sends: the five required parameters only. */
    public static DigestAuthorization of(String username, String realm, String nonce, String uri, String response) {
        return new DigestAuthorization(username, realm, nonce, uri, response, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** A copy with another response, used when the response is computed after the rest. */
    public DigestAuthorization withResponse(String newResponse) {
        return new DigestAuthorization(username, realm, nonce, uri, newResponse, algorithm, cnonce, nonceCount, qop,
                opaque, extensions);
    }

    /** Parses an Authorization value of the Digest scheme. */
    public static DigestAuthorization parse(String value) throws ParseException {
        List<AuthHeaderParser.Item> items = AuthHeaderParser.parse(value);
        AuthHeaderParser.Item item = items.get(0);
        if (items.size() != 1 || !item.scheme().equalsIgnoreCase("Digest") || item.token68().isPresent()) {
            throw new ParseException("not a Digest Authorization value", item.offset());
        }
        OptionalLong nc = OptionalLong.empty();
        Optional<String> ncText = item.param("nc").map(String::strip);
        if (ncText.isPresent()) {
            nc = OptionalLong.of(parseNonceCount(ncText.get(), item.offset()));
        }
        return new DigestAuthorization(item.require("username"), item.require("realm"), item.require("nonce"),
                item.require("uri"), item.require("response"),
                token(item, "algorithm"), item.param("cnonce"), nc, token(item, "qop"), item.param("opaque"),
                item.others(MODELLED));
    }

    private static Optional<String> token(AuthHeaderParser.Item item, String name) throws ParseException {
        Optional<String> v = item.param(name).map(String::strip);
        if (v.isPresent() && !HeaderValues.isToken(v.get())) {
            throw new ParseException("bad " + name + ": '" + HeaderValues.abbreviate(v.get()) + "'", item.offset());
        }
        return v;
    }

    private static long parseNonceCount(String hex, int offset) throws ParseException {
        if (hex.isEmpty() || hex.length() > 8) {
            throw new ParseException("nc must be 1 to 8 hex digits", offset);
        }
        // ASCII hex digits only: Long.parseLong takes a sign ("-0000001" is 8 characters, found by
        // fuzzing) and other scripts' digits too.
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new ParseException("nc must be hex: '" + HeaderValues.abbreviate(hex) + "'", offset);
            }
        }
        return Long.parseLong(hex, 16);
    }

    private static void requireToken(String name, String value) {
        if (!HeaderValues.isToken(value)) {
            throw new IllegalArgumentException("bad " + name + ": " + value);
        }
    }

    /** The {@code nc} as written: 8 lower-case hex digits. */
    public Optional<String> nonceCountHex() {
        return nonceCount.isPresent()
                ? Optional.of(HexFormat.of().toHexDigits((int) nonceCount.getAsLong()))
                : Optional.empty();
    }

    public String format() {
        StringBuilder sb = new StringBuilder(200).append("Digest username=").append(HeaderValues.quote(username))
                .append(", realm=").append(HeaderValues.quote(realm))
                .append(", nonce=").append(HeaderValues.quote(nonce))
                .append(", uri=").append(HeaderValues.quote(uri))
                .append(", response=").append(HeaderValues.quote(response));
        algorithm.ifPresent(a -> sb.append(", algorithm=").append(a));
        cnonce.ifPresent(c -> sb.append(", cnonce=").append(HeaderValues.quote(c)));
        nonceCountHex().ifPresent(n -> sb.append(", nc=").append(n));
        qop.ifPresent(q -> sb.append(", qop=").append(q));
        opaque.ifPresent(o -> sb.append(", opaque=").append(HeaderValues.quote(o)));
        for (AuthParam p : extensions) {
            sb.append(", ").append(p.formatQuoted());
        }
        return sb.toString();
    }
}
