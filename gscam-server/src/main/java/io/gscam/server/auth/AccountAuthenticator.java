package io.gscam.server.auth;

import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.AuthResult;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;

import java.util.List;

/**
 * The server's account check (the device's, as the spec has it): the protocol's {@link AuthVerifier} (Digest with realm
 * "Surveillance Server" and 8-digit nonces that expire after 60 s, the digest over the header's {@code uri}; Basic when
 * enabled) applied to a request, answering a failure with fresh challenges. It logs nothing: the
 * connection handler logs failures per address, rate-limited and without the URL's credentials.
 */
public final class AccountAuthenticator implements RequestAuthenticator {
    /** The spec's realm. */
    public static final String REALM = "Surveillance Server";

    private final AuthVerifier verifier;

    public AccountAuthenticator(AuthVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public List<String> challenge(RtspRequest request) {
        return check(request).challenges();
    }

    /** A stale nonce with the right password is no failed attempt: the client only retries with the new one. */
    @Override
    public Verdict check(RtspRequest request) {
        AuthResult result = verifier.verify(request.method().name(), request.headers().get(RtspHeaderNames.AUTHORIZATION));
        if (result == AuthResult.OK) {
            return new Verdict(List.of(), false, "");
        }
        boolean failed = result != AuthResult.MISSING && result != AuthResult.UNKNOWN_NONCE;
        return new Verdict(verifier.challenges(result).stream().map(AuthChallenge::format).toList(), failed,
                result.name().toLowerCase(java.util.Locale.ROOT));
    }
}
