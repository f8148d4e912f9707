package io.gscam.client;

import java.util.Objects;

/**
 * Why a session could not be opened or was lost. {@link #getMessage()} is one line for a person and
 * never holds credentials: "401 Unauthorized", "connection refused: 127.0.0.1:8554",
 * "timeout: no answer to DESCRIBE within 10 s", "404 Not Found".
 */
public final class CameraException extends Exception {
    /** What went wrong, for callers that branch on it (exit codes, retry decisions). */
    public enum Kind {
        /** Nothing listens on the camera's port. */
        CONNECTION_REFUSED(true),
        /** Connecting, or an answer to a request, took longer than the configured timeout. */
        TIMEOUT(true),
        /** 401 after answering the camera's challenge, or no credentials for a camera that wants them. */
        UNAUTHORIZED(false),
        /** 404: the stream (channel) does not exist. */
        NOT_FOUND(false),
        /** 454: the camera forgot our session. */
        SESSION_NOT_FOUND(true),
        /** Any other status code that is not a success. */
        STATUS(true),
        /** The camera sent something that is not RTSP, SDP or MCTP as we read it. */
        PROTOCOL(true),
        /** The camera offers no track this session could set up. */
        NO_TRACKS(false),
        /** The RTSP connection closed or was reset while playing. */
        CONNECTION_LOST(true),
        /** No RTP packet on any track for the configured media timeout (10 s by default). */
        NO_MEDIA(true),
        /** The MCTP heartbeat connection was refused by the camera, closed, or went silent. */
        HEARTBEAT_LOST(true),
        /** A host name that does not resolve, or another local I/O problem. */
        IO(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether reconnecting may help: a wrong password or an unknown stream will not fix itself. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int statusCode;

    public CameraException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public CameraException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, cause);
    }

    public CameraException(Kind kind, String message, int statusCode, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The RTSP status code behind this error, or 0 when it is not a status. */
    public int statusCode() {
        return statusCode;
    }
}
