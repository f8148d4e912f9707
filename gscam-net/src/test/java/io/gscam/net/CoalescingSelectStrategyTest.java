package io.gscam.net;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoalescingSelectStrategyTest {
    private static final long MS = 1_000_000;

    private long now = 1_000 * MS;
    private final List<Long> sleeps = new ArrayList<>();

    private CoalescingSelectStrategy strategy(Duration interval) {
        return new CoalescingSelectStrategy(interval, () -> now, n -> {
            sleeps.add(n);
            now += n;
        });
    }

    @Test
    void aLoopBackSoonerThanTheIntervalSleepsOutTheRestBeforeItWaits() throws Exception {
        CoalescingSelectStrategy s = strategy(Duration.ofMillis(5));
        assertThat(s.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        now += MS; // epoll returned after 1 ms, the reads took no time
        assertThat(s.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(sleeps).containsExactly(4 * MS);
        now += 2 * MS;
        s.calculateStrategy(() -> 0, false);
        assertThat(sleeps).containsExactly(4 * MS, 3 * MS);
    }

    @Test
    void aLoopWokenLessOftenThanTheIntervalNeverSleeps() throws Exception {
        CoalescingSelectStrategy s = strategy(Duration.ofMillis(5));
        for (int i = 0; i < 5; i++) {
            assertThat(s.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
            now += 40 * MS; // one frame of one camera every 40 ms
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void queuedTasksAreNeverDelayed() throws Exception {
        CoalescingSelectStrategy s = strategy(Duration.ofMillis(5));
        s.calculateStrategy(() -> 0, false);
        now += MS;
        assertThat(s.calculateStrategy(() -> 3, true)).isEqualTo(3); // the non-blocking poll's count
        assertThat(sleeps).isEmpty();
    }

    @Test
    void zeroIsNettysDefault() throws Exception {
        CoalescingSelectStrategy s = strategy(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertThat(s.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> strategy(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
