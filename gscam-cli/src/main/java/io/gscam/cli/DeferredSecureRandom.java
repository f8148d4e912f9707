package io.gscam.cli;

import java.security.SecureRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A {@link SecureRandom} made on first use: setting up the JDK's security providers and seeding it
 * is start-up time a camera need not spend before its first answer (OPTIONS needs no random number;
 * session ids, nonces and SSRCs come later). Every number still comes from the SecureRandom.
 */
final class DeferredSecureRandom implements RandomGenerator {
    private final Supplier<SecureRandom> maker;
    private volatile SecureRandom random;

    DeferredSecureRandom() {
        this(SecureRandom::new);
    }

    DeferredSecureRandom(Supplier<SecureRandom> maker) {
        this.maker = maker;
    }

    /** Whether the SecureRandom has been made yet. */
    boolean made() {
        return random != null;
    }

    private SecureRandom random() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (this) {
                r = random;
                if (r == null) {
                    r = maker.get();
                    random = r;
                }
            }
        }
        return r;
    }

    @Override
    public long nextLong() {
        return random().nextLong();
    }

    @Override
    public int nextInt() {
        return random().nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return random().nextInt(bound);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random().nextBytes(bytes);
    }
}
