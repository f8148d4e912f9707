package io.gscam.client;

/**
 * The life of a {@link CameraSession}, as a caller sees it.
 * <pre>
 * CONNECTING -> PLAYING -> RECONNECTING -> CONNECTING -> PLAYING ...
 *      |            |             |
 *      +------------+-------------+---> CLOSED (close() was called)
 *                                  +--> FAILED (an error the reconnect policy does not retry)
 * </pre>
 * CLOSED and FAILED are final.
 */
public enum CameraState {
    /** Connecting and negotiating: OPTIONS, DESCRIBE, SETUP, PLAY. */
    CONNECTING,
    /** PLAY answered 200; media flows. */
    PLAYING,
    /** The camera went away; waiting {@link StateChange#retryDelay()} before attempt {@link StateChange#attempt()}. */
    RECONNECTING,
    /** Closed by the caller; TEARDOWN was sent when a session existed. */
    CLOSED,
    /** Given up: see {@link StateChange#error()}. */
    FAILED;

    public boolean isFinal() {
        return this == CLOSED || this == FAILED;
    }
}
