package io.gscam.server.session;

/**
 * The RTSP session state machine of RFC 2326 appendix A.2, server side. INIT exists only between
 * the creation of a session by its first SETUP and that SETUP's success; every later step checks
 * its state, and a method that is not valid in the current state gets 455.
 */
public enum SessionState {
    INIT,
    /** At least one track is set up; nothing is being sent. */
    READY,
    /** Delivery is running. */
    PLAYING,
    /** Torn down, timed out or dropped with its connection. Final. */
    CLOSED
}
