package io.gscam.server.auth;

import io.gscam.protocol.rtsp.RtspRequest;

import java.util.List;

/** Decides whether a request may proceed: the server's account check. */
public interface RequestAuthenticator {
    /**
     * Empty when the request carries valid credentials; otherwise the {@code WWW-Authenticate}
     * values of the 401 to answer with (never empty then).
     */
    List<String> challenge(RtspRequest request);

    /** No account: every request passes. */
    RequestAuthenticator NONE = request -> List.of();
}
