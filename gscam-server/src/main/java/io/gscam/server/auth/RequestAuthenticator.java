package io.gscam.server.auth;

import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;

import java.util.List;

/** Decides whether a request may proceed: the server's account check. */
public interface RequestAuthenticator {
    /**
     * Empty when the request carries valid credentials; otherwise the {@code WWW-Authenticate}
     * values of the 401 to answer with (never empty then).
     */
    List<String> challenge(RtspRequest request);

    /**
     * The check with its verdict: whether a 401 answers a failed attempt (credentials given but
     * wrong or unreadable), which counts towards the address's limit, rather than a first request
     * without any or a stale nonce. By default any 401 to a request with an Authorization header.
     */
    default Verdict check(RtspRequest request) {
        List<String> challenges = challenge(request);
        boolean failed = !challenges.isEmpty() && request.headers().get(RtspHeaderNames.AUTHORIZATION).isPresent();
        return new Verdict(challenges, failed, failed ? "refused" : "");
    }

    /**
     * @param challenges the 401's WWW-Authenticate values; empty when the request may proceed
     * @param failed     a failed login attempt
     * @param reason     why, for the log (never a credential)
     */
    record Verdict(List<String> challenges, boolean failed, String reason) {
        public Verdict {
            challenges = List.copyOf(challenges);
        }

        public boolean passed() {
            return challenges.isEmpty();
        }
    }

    /** No account: every request passes. */
    RequestAuthenticator NONE = request -> List.of();
}
