package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of Digest: issues challenges and checks Authorization headers, as the spec's
 * camera does.
 *
 * <ul>
 *   <li>The digest is computed over the {@code uri} parameter of the header, not the request line:
 *       the spec's client signs SETUP {@code .../0/trackID=0} and PLAY with the base URL
 *       {@code rtsp://host:554/0} (DESIGN.md).</li>
 *   <li>The method is the request's. With {@code acceptDescribeForAnyMethod} (default on) a digest
 *       computed with {@code DESCRIBE} is accepted for any request too: Grandstream firmware
 *       accepted that, and clients written against it reuse the DESCRIBE response for later
 *       requests. It lets a captured DESCRIBE digest be replayed on SETUP/PLAY of the same nonce,
 *       which RFC 2069 allows anyway (the nonce, not the method, is what limits replay).</li>
 *   <li>The nonce must be one this server issued ({@link NonceSource}) at most 60 s ago; right credentials with an expired or a
 *       forgotten nonce give {@link AuthResult#UNKNOWN_NONCE}, answered with {@code stale=true}.</li>
 *   <li>Responses are compared in constant time; an unknown user costs the same work as a known one.</li>
 *   <li>Both the RFC 2069 form and RFC 2617 {@code qop=auth} are accepted; the challenge offers
 *       neither qop nor opaque, as the spec's camera, so clients answer in RFC 2069.</li>
 * </ul>
 */
public final class DigestVerifier {
    /** Hashed for unknown users so the reply time does not reveal which user names exist. */
    private static final String NO_PASSWORD = "\u0000no-such-user";

    private final String realm;
    private final Accounts accounts;
    private final NonceSource nonces;
    private final boolean acceptDescribeForAnyMethod;

    public DigestVerifier(String realm, Accounts accounts, NonceSource nonces, boolean acceptDescribeForAnyMethod) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.acceptDescribeForAnyMethod = acceptDescribeForAnyMethod;
        new AuthParam("realm", realm);
    }

    /** With the firmware's DESCRIBE leniency on. */
    public DigestVerifier(String realm, Accounts accounts, NonceSource nonces) {
        this(realm, accounts, nonces, true);
    }

    public String realm() {
        return realm;
    }

    /** A challenge with a newly issued nonce: {@code Digest realm="...", nonce="12345678"}. */
    public DigestChallenge challenge() {
        return DigestChallenge.of(realm, nonces.issue());
    }

    /** The challenge that answers a failed check; {@code stale=true} after {@link AuthResult#UNKNOWN_NONCE}. */
    public DigestChallenge challenge(AuthResult cause) {
        return new DigestChallenge(realm, nonces.issue(), Optional.empty(), Optional.empty(), List.of(),
                cause == AuthResult.UNKNOWN_NONCE, List.of());
    }

    /** Checks an Authorization header value (absent when the request had none). */
    public AuthResult verify(String method, Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return AuthResult.MISSING;
        }
        if (!AuthHeaderParser.scheme(authorization.get()).equalsIgnoreCase("Digest")) {
            return AuthResult.UNSUPPORTED_SCHEME;
        }
        try {
            return verify(method, DigestAuthorization.parse(authorization.get()));
        } catch (ParseException e) {
            return AuthResult.MALFORMED;
        }
    }

    /** Checks a parsed Authorization for a request with {@code method}. */
    public AuthResult verify(String method, DigestAuthorization authorization) {
        Optional<String> password = accounts.passwordOf(authorization.username());
        String secret = password.orElse(NO_PASSWORD);
        Optional<String> expected = DigestCalculator.expectedResponse(authorization, secret, method);
        if (expected.isEmpty()) {
            return AuthResult.MALFORMED;
        }
        boolean match = matches(expected.get(), authorization.response());
        if (!match && acceptDescribeForAnyMethod && !method.equalsIgnoreCase("DESCRIBE")) {
            match = DigestCalculator.expectedResponse(authorization, secret, "DESCRIBE")
                    .map(e -> matches(e, authorization.response())).orElse(false);
        }
        if (!match || password.isEmpty() || !authorization.realm().equals(realm)) {
            return AuthResult.WRONG_CREDENTIALS;
        }
        return nonces.wasIssued(authorization.nonce()) ? AuthResult.OK : AuthResult.UNKNOWN_NONCE;
    }

    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
