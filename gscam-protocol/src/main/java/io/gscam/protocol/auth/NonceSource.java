package io.gscam.protocol.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Issues server nonces and remembers the most recent ones, so a verifier accepts only nonces it
 * gave out. Nonces are 8 decimal digits like the spec's {@code 30507280}, since some NVR firmware
 * was written against that shape. Past {@code capacity} the oldest is forgotten; a client holding it
 * gets {@link AuthResult#UNKNOWN_NONCE} and retries with a new one. Thread-safe.
 */
public final class NonceSource {
    /** Enough for a few hundred concurrent clients, each re-challenged a few times. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final RandomGenerator random;
    private final Map<String, Boolean> issued;

    public NonceSource(RandomGenerator random) {
        this(random, DEFAULT_CAPACITY);
    }

    public NonceSource(RandomGenerator random, int capacity) {
        this.random = Objects.requireNonNull(random, "random");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.issued = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A new nonce, remembered as issued. */
    public synchronized String issue() {
        String nonce = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        issued.remove(nonce); // re-issuing refreshes its place
        issued.put(nonce, Boolean.TRUE);
        return nonce;
    }

    /** Whether {@code nonce} was issued here and not yet forgotten. */
    public synchronized boolean wasIssued(String nonce) {
        return issued.containsKey(nonce);
    }
}
