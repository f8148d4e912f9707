package io.gscam.client;

import java.util.Locale;

/** What became of a session's MCTP heartbeat registration. */
public enum HeartbeatStatus {
    /** Not opened: switched off, not a Grandstream server, no media session, or a session id MCTP cannot register. */
    NOT_OPENED,
    /** Registering, under {@link Heartbeat#AUTO}: {@link CameraSession#streamInfo()} tells how it went. */
    OPENING,
    /** The camera answered the registration {@code @...@1}. */
    ACCEPTED,
    /** The camera answered {@code @...@0} or closed the connection. */
    REFUSED,
    /** No answer in time, or the connection could not be made. */
    FAILED;

    /** Lower case with spaces, for people: {@code not opened}, {@code accepted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
