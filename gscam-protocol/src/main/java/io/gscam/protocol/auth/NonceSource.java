package io.gscam.protocol.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Issues server nonces and remembers the most recent ones, so a verifier accepts only nonces it
 * gave out, and only for {@link #DEFAULT_MAX_AGE} (DESIGN.md, Limits and defenses): an old nonce, like
 * one past {@code capacity} (the oldest is forgotten first), gets {@link AuthResult#UNKNOWN_NONCE},
 * which a client answers by retrying with the fresh one (RFC 2617 3.2.1, {@code stale=true}). Nonces
 * are 8 decimal digits like the spec's {@code 30507280}, since some NVR firmware was written against
 * that shape. Thread-safe.
 */
public final class NonceSource {
    /** Enough for a few hundred concurrent clients, each re-challenged a few times. */
    public static final int DEFAULT_CAPACITY = 1024;
    /** How long a nonce is good for. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    private final RandomGenerator random;
    private final InstantSource clock;
    private final Duration maxAge;
    private final Map<String, Instant> issued;

    public NonceSource(RandomGenerator random) {
        this(random, DEFAULT_CAPACITY);
    }

    public NonceSource(RandomGenerator random, int capacity) {
        this(random, capacity, InstantSource.system(), DEFAULT_MAX_AGE);
    }

    /** Nonces that expire {@link #DEFAULT_MAX_AGE} after being issued, by {@code clock}. */
    public NonceSource(RandomGenerator random, InstantSource clock) {
        this(random, DEFAULT_CAPACITY, clock, DEFAULT_MAX_AGE);
    }

    public NonceSource(RandomGenerator random, int capacity, InstantSource clock, Duration maxAge) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max age must be positive: " + maxAge);
        }
        this.issued = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A new nonce, remembered as issued now. */
    public synchronized String issue() {
        Instant now = clock.instant();
        forgetExpired(now);
        String nonce = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        issued.remove(nonce); // re-issuing refreshes its place
        issued.put(nonce, now);
        return nonce;
    }

    /** Whether {@code nonce} was issued here, is not yet forgotten and not older than the max age. */
    public synchronized boolean wasIssued(String nonce) {
        Instant at = issued.get(nonce);
        return at != null && !expired(at, clock.instant());
    }

    private boolean expired(Instant issuedAt, Instant now) {
        return Duration.between(issuedAt, now).compareTo(maxAge) > 0;
    }

    /** Insertion order is issue order: drop expired nonces from the front. */
    private void forgetExpired(Instant now) {
        Iterator<Instant> it = issued.values().iterator();
        while (it.hasNext() && expired(it.next(), now)) {
            it.remove();
        }
    }
}
