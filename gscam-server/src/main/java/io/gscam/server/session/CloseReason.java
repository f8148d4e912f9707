package io.gscam.server.session;

/** Why an RTSP session ended; listeners of {@link SessionRegistry} receive it. */
public enum CloseReason {
    /** The client sent TEARDOWN. */
    TEARDOWN,
    /** No request and no RTCP receiver report within the session timeout. */
    TIMEOUT,
    /** The RTSP connection that carried the session's interleaved media closed. */
    CONNECTION_CLOSED,
    /** Another service of the server ended it, e.g. the MCTP heartbeat that vouched for it went silent. */
    CLOSED_BY_SERVICE,
    /** The server is shutting down. */
    SERVER_SHUTDOWN
}
