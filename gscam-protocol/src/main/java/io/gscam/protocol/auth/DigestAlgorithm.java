package io.gscam.protocol.auth;

import java.util.Optional;

/** The Digest algorithms gscam computes (RFC 2617 section 3.2.1). */
public enum DigestAlgorithm {
    /** {@code MD5}, also what an absent {@code algorithm} means. */
    MD5("MD5"),
    /** {@code MD5-sess}: HA1 also covers the nonce and cnonce; needs qop. */
    MD5_SESS("MD5-sess");

    private final String token;

    DigestAlgorithm(String token) {
        this.token = token;
    }

    /** The name as written in headers. */
    public String token() {
        return token;
    }

    /**
     * The algorithm an {@code algorithm} parameter names: MD5 when absent, empty when it is one this
     * class does not compute (SHA-256 of RFC 7616, for example).
     */
    public static Optional<DigestAlgorithm> of(Optional<String> written) {
        if (written.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(written.get().strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
