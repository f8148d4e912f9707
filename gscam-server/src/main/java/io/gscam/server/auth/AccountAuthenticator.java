package io.gscam.server.auth;

import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.AuthResult;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The server's account check (the device's, as the spec has it): the protocol's {@link AuthVerifier} (Digest with realm
 * "Surveillance Server" and 8-digit nonces, the digest over the header's {@code uri}; Basic when
 * enabled) applied to a request, answering a failure with fresh challenges.
 */
public final class AccountAuthenticator implements RequestAuthenticator {
    /** The spec's realm. */
    public static final String REALM = "Surveillance Server";
    private static final Logger log = LoggerFactory.getLogger(AccountAuthenticator.class);

    private final AuthVerifier verifier;

    public AccountAuthenticator(AuthVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public List<String> challenge(RtspRequest request) {
        AuthResult result = verifier.verify(request.method().name(), request.headers().get(RtspHeaderNames.AUTHORIZATION));
        if (result == AuthResult.OK) {
            return List.of();
        }
        if (result != AuthResult.MISSING) {
            log.info("{} {}: authorization refused ({})", request.method(), request.uri(), result);
        }
        return verifier.challenges(result).stream().map(AuthChallenge::format).toList();
    }
}
