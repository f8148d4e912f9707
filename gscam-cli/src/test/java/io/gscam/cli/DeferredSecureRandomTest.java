package io.gscam.cli;

import org.junit.jupiter.api.Test;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredSecureRandomTest {
    /** A SecureRandom whose output follows from its seed, so that the numbers passed on can be checked. */
    private static SecureRandom seeded() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(42);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void madeOnFirstUse_once_andEveryNumberIsTheSecureRandoms() {
        AtomicInteger made = new AtomicInteger();
        DeferredSecureRandom deferred = new DeferredSecureRandom(() -> {
            made.incrementAndGet();
            return seeded();
        });
        assertThat(deferred.made()).isFalse();
        assertThat(made).hasValue(0);

        SecureRandom expected = seeded();
        assertThat(deferred.nextLong()).isEqualTo(expected.nextLong());
        assertThat(deferred.nextInt()).isEqualTo(expected.nextInt());
        assertThat(deferred.nextInt(100_000_000)).isEqualTo(expected.nextInt(100_000_000));
        byte[] bytes = new byte[16];
        byte[] expectedBytes = new byte[16];
        deferred.nextBytes(bytes);
        expected.nextBytes(expectedBytes);
        assertThat(bytes).isEqualTo(expectedBytes);

        assertThat(deferred.made()).isTrue();
        assertThat(made).hasValue(1);
    }

    @Test
    void theDefault_isAnUnseededSecureRandom() {
        DeferredSecureRandom a = new DeferredSecureRandom();
        DeferredSecureRandom b = new DeferredSecureRandom();
        assertThat(a.nextLong()).isNotEqualTo(b.nextLong());
        assertThat(a.made()).isTrue();
    }
}
