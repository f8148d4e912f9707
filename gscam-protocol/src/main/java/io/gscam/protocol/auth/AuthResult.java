package io.gscam.protocol.auth;

/**
 * What a server-side verifier concluded about a request's Authorization. Everything but {@link #OK}
 * is answered with 401 and a fresh challenge; the distinction is for logs and for {@code stale}.
 */
public enum AuthResult {
    /** Credentials valid. */
    OK,
    /** No Authorization header: the normal first request of a client. */
    MISSING,
    /** The header does not parse, or asks for a digest variant the server does not compute. */
    MALFORMED,
    /** A scheme the server does not accept (Basic when only Digest is enabled, Bearer, ...). */
    UNSUPPORTED_SCHEME,
    /** Unknown user, wrong realm or wrong password. */
    WRONG_CREDENTIALS,
    /**
     * The digest is right for the password but the nonce is not one this server issued (or has
     * forgotten): answer with a new nonce and {@code stale=true}, so the client retries without
     * asking the user again.
     */
    UNKNOWN_NONCE
}
