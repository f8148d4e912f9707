package io.gscam.server.session;

/**
 * Told when a session ends, once per session, after it has stopped delivery and left the registry.
 * Called on whichever thread ended the session; implementations must not block.
 */
@FunctionalInterface
public interface SessionListener {
    void sessionClosed(RtspSession session, CloseReason reason);
}
