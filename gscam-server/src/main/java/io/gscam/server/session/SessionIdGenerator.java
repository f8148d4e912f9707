package io.gscam.server.session;

import java.util.random.RandomGenerator;

/**
 * Makes session ids as the spec shows them: 8 decimal digits ({@code 09682642}). The MCTP heartbeat
 * registration carries the id as exactly 8 characters, so the width is fixed, leading zeros kept.
 */
public final class SessionIdGenerator {
    private final RandomGenerator random;

    public SessionIdGenerator(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        return String.format("%08d", random.nextInt(100_000_000));
    }
}
