package io.gscam.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {
    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Await.until(Duration.ofSeconds(5), "three polls", () -> polls.incrementAndGet() >= 3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsAtTheDeadlineNamingWhatWasAwaited() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), "the impossible", () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the impossible")
                .hasMessageContaining("50 ms");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }

    @Test
    void valueReturnsWhatTheProbeFound() {
        AtomicInteger polls = new AtomicInteger();
        String v = Await.value(Duration.ofSeconds(5), "a value", () ->
                polls.incrementAndGet() < 2 ? Optional.empty() : Optional.of("found"));
        assertThat(v).isEqualTo("found");
    }
}
