package io.gscam.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When to reconnect after the camera went away: after {@code initialDelay}, doubling each attempt
 * up to {@code maxDelay}, at most {@code maxAttempts} times in a row (0 means forever). A session
 * that reaches PLAYING again starts over from the initial delay.
 *
 * @param initialDelay      delay before the first attempt
 * @param maxDelay          the delay stops doubling here
 * @param maxAttempts       consecutive failed attempts before FAILED; 0 for forever
 * @param retryFirstConnect whether a session that never played retries too (a recorder started while
 *                          the camera boots wants this; a probe does not)
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, boolean retryFirstConnect) {
    /** 1 s doubling to 30 s, forever; the first connection is not retried. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0, false);
    /** Never reconnect: the first loss of the camera is FAILED. */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, false);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max delay " + maxDelay + " below initial delay " + initialDelay);
        }
        if (maxAttempts < -1) {
            throw new IllegalArgumentException("max attempts must be -1 (never), 0 (forever) or positive: " + maxAttempts);
        }
    }

    /** Forever, with these delays. */
    public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(initialDelay, maxDelay, 0, false);
    }

    public ReconnectPolicy withMaxAttempts(int maxAttempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts, retryFirstConnect);
    }

    public ReconnectPolicy withRetryFirstConnect(boolean retry) {
        return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts, retry);
    }

    /** Whether attempt number {@code attempt} (1-based) may be made. */
    public boolean allows(int attempt) {
        return maxAttempts == 0 || (maxAttempts > 0 && attempt <= maxAttempts);
    }

    /** The delay before attempt {@code attempt} (1-based): initial * 2^(attempt-1), capped. */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        Duration d = initialDelay;
        for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
