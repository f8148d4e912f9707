package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Digest challenge (RFC 2617 section 3.2.1, RFC 2069), the WWW-Authenticate of a 401. The spec's
 * camera sends only {@code Digest realm="Surveillance Server", nonce="30507280"}: no qop, so the
 * client answers in the RFC 2069 form.
 *
 * @param algorithm as written ({@code MD5}, {@code MD5-sess}, or one gscam cannot compute); see
 *                  {@link DigestAlgorithm#of(Optional)}
 * @param qop       the qop options offered ({@code auth}, {@code auth-int}); empty for RFC 2069
 * @param extensions parameters not modelled here ({@code domain}, {@code charset}, ...), in order
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, Optional<String> algorithm,
                              List<String> qop, boolean stale, List<AuthParam> extensions)
        implements AuthChallenge {

    private static final List<String> MODELLED = List.of("realm", "nonce", "opaque", "algorithm", "qop", "stale");

    public DigestChallenge {
        Objects.requireNonNull(opaque, "opaque");
        Objects.requireNonNull(algorithm, "algorithm");
        new AuthParam("realm", realm);
        new AuthParam("nonce", nonce);
        opaque.ifPresent(o -> new AuthParam("opaque", o));
        algorithm.ifPresent(a -> {
            if (!HeaderValues.isToken(a)) {
                throw new IllegalArgumentException("bad algorithm: " + a);
            }
        });
        qop = List.copyOf(qop);
        for (String q : qop) {
            if (!HeaderValues.isToken(q)) {
                throw new IllegalArgumentException("bad qop: " + q);
            }
        }
        extensions = AuthParam.extensions(extensions, MODELLED);
    }

    /** The spec camera's challenge: realm and nonce only. */
    public static DigestChallenge of(String realm, String nonce) {
        return new DigestChallenge(realm, nonce, Optional.empty(), Optional.empty(), List.of(), false, List.of());
    }

    /** Parses a value holding exactly one Digest challenge. */
    public static DigestChallenge parse(String value) throws ParseException {
        List<AuthHeaderParser.Item> items = AuthHeaderParser.parse(value);
        AuthHeaderParser.Item item = items.get(0);
        if (items.size() != 1 || !item.scheme().equalsIgnoreCase("Digest")) {
            throw new ParseException("not a single Digest challenge", item.offset());
        }
        return of(item);
    }

    static DigestChallenge of(AuthHeaderParser.Item item) throws ParseException {
        if (item.token68().isPresent()) {
            throw new ParseException("Digest challenge needs parameters", item.offset());
        }
        List<String> qop = new ArrayList<>();
        Optional<String> qopValue = item.param("qop");
        if (qopValue.isPresent()) {
            for (String q : qopValue.get().split(",")) {
                String t = q.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (!HeaderValues.isToken(t)) {
                    throw new ParseException("bad qop option: '" + HeaderValues.abbreviate(t) + "'", item.offset());
                }
                qop.add(t);
            }
        }
        Optional<String> algorithm = item.param("algorithm").map(String::strip);
        if (algorithm.isPresent() && algorithm.get().isEmpty()) {
            algorithm = Optional.empty();
        }
        if (algorithm.isPresent() && !HeaderValues.isToken(algorithm.get())) {
            throw new ParseException("bad algorithm: '" + HeaderValues.abbreviate(algorithm.get()) + "'", item.offset());
        }
        boolean stale = item.param("stale").map(s -> s.strip().toLowerCase(Locale.ROOT).equals("true")).orElse(false);
        return new DigestChallenge(item.require("realm"), item.require("nonce"), item.param("opaque"),
                algorithm, qop, stale, item.others(MODELLED));
    }

    /** Whether {@code auth} is among the qop options. */
    public boolean offersQopAuth() {
        return qop.stream().anyMatch(q -> q.equalsIgnoreCase("auth"));
    }

    /** A copy with a new nonce and the stale flag, as a server answers a request with an old nonce. */
    public DigestChallenge withNonce(String newNonce, boolean isStale) {
        return new DigestChallenge(realm, newNonce, opaque, algorithm, qop, isStale, extensions);
    }

    @Override
    public String scheme() {
        return "Digest";
    }

    /** Written as the spec's camera writes it: {@code Digest realm="...", nonce="..."}, then the rest. */
    @Override
    public String format() {
        StringBuilder sb = new StringBuilder("Digest realm=").append(HeaderValues.quote(realm))
                .append(", nonce=").append(HeaderValues.quote(nonce));
        opaque.ifPresent(o -> sb.append(", opaque=").append(HeaderValues.quote(o)));
        algorithm.ifPresent(a -> sb.append(", algorithm=").append(a));
        if (!qop.isEmpty()) {
            sb.append(", qop=").append(HeaderValues.quote(String.join(",", qop)));
        }
        if (stale) {
            sb.append(", stale=true");
        }
        for (AuthParam p : extensions) {
            sb.append(", ").append(p.formatQuoted());
        }
        return sb.toString();
    }
}
