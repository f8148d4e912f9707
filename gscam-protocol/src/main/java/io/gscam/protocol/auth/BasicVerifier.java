package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of Basic (RFC 7617). Off by default on the camera, since the password crosses
 * the wire; some NVRs only speak Basic. The password is compared in constant time.
 */
public final class BasicVerifier {
    private final String realm;
    private final Accounts accounts;

    public BasicVerifier(String realm, Accounts accounts) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        new AuthParam("realm", realm);
    }

    /** {@code Basic realm="..."}. */
    public BasicChallenge challenge() {
        return new BasicChallenge(realm);
    }

    /** Checks an Authorization header value (absent when the request had none). */
    public AuthResult verify(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return AuthResult.MISSING;
        }
        if (!AuthHeaderParser.scheme(authorization.get()).equalsIgnoreCase("Basic")) {
            return AuthResult.UNSUPPORTED_SCHEME;
        }
        try {
            return verify(BasicCredentials.decode(authorization.get()));
        } catch (ParseException e) {
            return AuthResult.MALFORMED;
        }
    }

    public AuthResult verify(Credentials given) {
        Optional<String> password = accounts.passwordOf(given.username());
        byte[] expected = password.orElse("").getBytes(StandardCharsets.UTF_8);
        boolean match = MessageDigest.isEqual(expected, given.password().getBytes(StandardCharsets.UTF_8));
        return match && password.isPresent() ? AuthResult.OK : AuthResult.WRONG_CREDENTIALS;
    }
}
