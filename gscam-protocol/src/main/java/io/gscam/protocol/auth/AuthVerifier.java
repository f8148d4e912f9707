package io.gscam.protocol.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's whole authentication check: Digest always, Basic when enabled. Dispatches on the
 * scheme of the request's Authorization header and writes the challenges of a 401, Digest first
 * so that clients that take the first one they understand choose Digest.
 */
public final class AuthVerifier {
    private final DigestVerifier digest;
    private final Optional<BasicVerifier> basic;

    public AuthVerifier(DigestVerifier digest, Optional<BasicVerifier> basic) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.basic = Objects.requireNonNull(basic, "basic");
    }

    /** Digest only, as the spec's camera. */
    public static AuthVerifier digestOnly(DigestVerifier digest) {
        return new AuthVerifier(digest, Optional.empty());
    }

    /**
     * Checks a request.
     *
     * @param method        the request's method
     * @param authorization the Authorization header value, absent when the request had none
     */
    public AuthResult verify(String method, Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return AuthResult.MISSING;
        }
        String scheme = AuthHeaderParser.scheme(authorization.get());
        if (scheme.equalsIgnoreCase("Digest")) {
            return digest.verify(method, authorization);
        }
        if (scheme.equalsIgnoreCase("Basic") && basic.isPresent()) {
            return basic.get().verify(authorization);
        }
        return AuthResult.UNSUPPORTED_SCHEME;
    }

    /**
     * The WWW-Authenticate values of the 401 answering {@code cause}, one header each: a Digest
     * challenge with a new nonce ({@code stale=true} after {@link AuthResult#UNKNOWN_NONCE}), then
     * Basic when enabled.
     */
    public List<AuthChallenge> challenges(AuthResult cause) {
        List<AuthChallenge> out = new ArrayList<>(2);
        out.add(digest.challenge(cause));
        basic.ifPresent(b -> out.add(b.challenge()));
        return List.copyOf(out);
    }
}
