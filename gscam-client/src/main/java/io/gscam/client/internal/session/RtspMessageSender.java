package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraUrl;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.gscam.client.internal.session.RtspStatus.fail;

/**
 * Sends a session's requests, as media3's {@code RtspClient.MessageSender} does: adds User-Agent,
 * the Session header once there is a session (on OPTIONS only while playing, where it is a
 * keep-alive that must refresh the session), and the Authorization once a 401 was answered. A 401
 * is answered once with the credentials of the URL (Digest or Basic); a second 401 fails, unless it
 * says {@code stale=true} (an expired nonce), which gets a fresh answer. Loop-confined.
 */
final class RtspMessageSender {
    /** The wire: sends one request, completes with its answer (any status), or fails. */
    @FunctionalInterface
    interface Wire {
        CompletableFuture<RtspResponse> send(RtspRequest request, Duration timeout);
    }

    private final CameraUrl url;
    private final String userAgent;
    private final Duration responseTimeout;
    private final SecureRandom random;

    private Wire wire;
    private boolean closed;
    private Authenticator authenticator;
    private String sessionId;
    private boolean playing;

    RtspMessageSender(CameraUrl url, String userAgent, Duration responseTimeout, SecureRandom random) {
        this.url = url;
        this.userAgent = userAgent;
        this.responseTimeout = responseTimeout;
        this.random = random;
    }

    /** The connection is up: requests may go. */
    void connected(Wire wire) {
        this.wire = wire;
    }

    /** The session id to send from now on (learnt by SETUP). */
    void session(String id) {
        this.sessionId = id;
    }

    /** Playing: OPTIONS keep-alives carry the Session header too. */
    void playing() {
        this.playing = true;
    }

    /** No more requests: they fail with CONNECTION_LOST. */
    void close() {
        closed = true;
    }

    /** Sends a request with the session's headers, answering one 401 with the credentials. */
    CompletableFuture<RtspResponse> request(RtspMethod method, String uri, Map<String, String> extra) {
        return send(method, uri, extra).thenCompose(r -> {
            if (r.statusCode() != 401) {
                return CompletableFuture.completedFuture(r);
            }
            if (authenticator != null && !isStale(r)) {
                throw fail(unauthorized(""));
            }
            authenticator = authenticatorFor(r);
            return send(method, uri, extra).thenApply(again -> {
                if (again.statusCode() == 401) {
                    throw fail(unauthorized(""));
                }
                return again;
            });
        });
    }

    /** Sends once, without answering a 401 (TEARDOWN on the way out). */
    CompletableFuture<RtspResponse> send(RtspMethod method, String uri, Map<String, String> extra) {
        if (wire == null || closed) {
            return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, method + ": session closed"));
        }
        RtspRequest.Builder b = RtspRequest.builder(method, uri).header(RtspHeaderNames.USER_AGENT, userAgent);
        extra.forEach(b::header);
        if (sessionId != null && (!method.equals(RtspMethod.OPTIONS) || playing)) {
            b.header(RtspHeaderNames.SESSION, sessionId);
        }
        if (authenticator != null) {
            b.header(RtspHeaderNames.AUTHORIZATION, authenticator.authorize(method.name(), uri));
        }
        return wire.send(b.build(), responseTimeout);
    }

    private Authenticator authenticatorFor(RtspResponse r) {
        if (url.user().isEmpty()) {
            throw fail(unauthorized(" (the URL has no user:password@)"));
        }
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parseAll(r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE));
        } catch (ParseException e) {
            throw fail(new CameraException(Kind.PROTOCOL, "401 with an unreadable WWW-Authenticate: " + e.getMessage(), e));
        }
        return Authenticator.forChallenges(new Credentials(url.user().get(), url.password().orElse("")), challenges,
                        Authenticator.randomCnonces(random))
                .orElseThrow(() -> fail(unauthorized(" (no challenge gscam can answer)")));
    }

    private static CameraException unauthorized(String why) {
        return new CameraException(Kind.UNAUTHORIZED, "401 Unauthorized" + why, 401, null);
    }

    private static boolean isStale(RtspResponse r) {
        return r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).replace(" ", "").contains("stale=true"));
    }
}
