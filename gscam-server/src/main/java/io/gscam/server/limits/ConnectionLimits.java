package io.gscam.server.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a connection may take over a request and how long it may say nothing (DESIGN.md, Limits
 * and defenses): a request not complete {@code headerTimeout} after its first byte closes the
 * connection (a half-sent header holds a slot forever otherwise); so does {@code idleTimeout} of
 * silence on a connection with no playing session (a playing one lives by the session timeout).
 */
public record ConnectionLimits(Duration headerTimeout, Duration idleTimeout) {
    /** 10 s for a request, 60 s of silence. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(60));

    public ConnectionLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (headerTimeout.isZero() || headerTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive: " + headerTimeout + ", " + idleTimeout);
        }
    }
}
