package io.gscam.client;

/**
 * When a session opens the Grandstream MCTP heartbeat connection ({@code @<session>@<channel>} on
 * the RTSP port, kept alive with {@code CMD:ALIVE}).
 */
public enum Heartbeat {
    /**
     * When the DESCRIBE answer's Server header says {@code GrandStream}, as the spec's client
     * application always registers (a device may drop a session that does not); not otherwise, since
     * RFC 2326 servers do not speak MCTP. It registers once playing, without delaying PLAYING; a
     * Grandstream that refuses it or does not answer keeps the session. {@link StreamInfo#heartbeat()}
     * says {@link HeartbeatStatus#OPENING} in the PLAYING event, then {@link CameraSession#streamInfo()}
     * tells the outcome.
     */
    AUTO,
    /** Always, before PLAYING; a refusal fails the connection attempt. */
    ON,
    /** Never. */
    OFF
}
