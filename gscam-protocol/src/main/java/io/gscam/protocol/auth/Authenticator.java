package io.gscam.protocol.auth;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The client side of RTSP authentication: given the challenges of a 401 and the user's credentials,
 * writes the Authorization value for each following request.
 *
 * <p>Digest is preferred over Basic, so the password never crosses the wire when the camera can
 * do better. With {@code qop=auth} offered, every request gets a fresh cnonce and the next nonce
 * count ({@code nc=00000001}, {@code 00000002}, ...); without qop the RFC 2069 form is sent, as the
 * spec's camera expects. Digest challenges this class cannot answer (SHA-256, {@code auth-int} only,
 * MD5-sess without qop) are passed over.
 *
 * <p>One instance serves one challenge; after another 401 (a stale nonce, say), make a new one.
 * Thread-safe: the nonce count is atomic.
 */
public final class Authenticator {
    private final Credentials credentials;
    private final AuthChallenge challenge;
    private final Supplier<String> cnonces;
    private final AtomicLong nonceCount = new AtomicLong();

    private Authenticator(Credentials credentials, AuthChallenge challenge, Supplier<String> cnonces) {
        this.credentials = credentials;
        this.challenge = challenge;
        this.cnonces = cnonces;
    }

    /**
     * An authenticator answering the best of {@code challenges}, or empty when none is one gscam can
     * answer (then the 401 stands).
     *
     * @param cnonces supplies the client nonce of each qop request; inject a fixed one in tests
     */
    public static Optional<Authenticator> forChallenges(Credentials credentials, List<AuthChallenge> challenges,
                                                        Supplier<String> cnonces) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(cnonces, "cnonces");
        for (AuthChallenge c : challenges) {
            if (c instanceof DigestChallenge d && canAnswer(d)) {
                return Optional.of(new Authenticator(credentials, d, cnonces));
            }
        }
        for (AuthChallenge c : challenges) {
            if (c instanceof BasicChallenge && credentials.username().indexOf(':') < 0) {
                return Optional.of(new Authenticator(credentials, c, cnonces));
            }
        }
        return Optional.empty();
    }

    /** Client nonces of 16 random hex digits. */
    public static Supplier<String> randomCnonces(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return () -> HexFormat.of().toHexDigits(random.nextLong());
    }

    private static boolean canAnswer(DigestChallenge d) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.of(d.algorithm());
        if (algorithm.isEmpty()) {
            return false;
        }
        if (d.qop().isEmpty()) {
            return algorithm.get() == DigestAlgorithm.MD5;
        }
        return d.offersQopAuth();
    }

    /** The challenge being answered. */
    public AuthChallenge challenge() {
        return challenge;
    }

    /**
     * The Authorization header value for a request.
     *
     * @param uri the request URI, used as the digest {@code uri} as RFC 2617 says
     */
    public String authorize(String method, String uri) {
        if (!(challenge instanceof DigestChallenge d)) {
            return BasicCredentials.encode(credentials);
        }
        Optional<String> qop = Optional.empty();
        Optional<String> cnonce = Optional.empty();
        OptionalLong nc = OptionalLong.empty();
        if (!d.qop().isEmpty()) {
            qop = Optional.of("auth");
            cnonce = Optional.of(cnonces.get());
            nc = OptionalLong.of(nonceCount.incrementAndGet());
        }
        DigestAuthorization unsigned = new DigestAuthorization(credentials.username(), d.realm(), d.nonce(), uri, "",
                d.algorithm(), cnonce, nc, qop, d.opaque(), List.of());
        String response = DigestCalculator.expectedResponse(unsigned, credentials.password(), method)
                .orElseThrow(() -> new IllegalStateException("challenge was checked answerable: " + d.format()));
        return unsigned.withResponse(response).format();
    }
}
