package io.gscam.camera.source;

import io.gscam.testkit.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {
    private static final long FRAME = 1_000_000_000L / 30; // ns per frame at 30 fps, rounded down

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Long> deliveredAt = new ArrayList<>();
    private final List<TimedSample> delivered = new ArrayList<>();
    private final List<Duration> skips = new ArrayList<>();
    private final List<RuntimeException> errors = new ArrayList<>();

    private final Pacer.Listener listener = new Pacer.Listener() {
        @Override
        public void onSample(TimedSample sample) {
            delivered.add(sample);
            deliveredAt.add(scheduler.nanos());
        }

        @Override
        public void onSkip(Duration behind) {
            skips.add(behind);
        }

        @Override
        public void onError(RuntimeException error) {
            errors.add(error);
        }
    };

    private Pacer pacer(MediaSource source) {
        return new Pacer(source, listener, scheduler, scheduler::nanos, Duration.ofMillis(500), Duration.ofMillis(5));
    }

    @Test
    void start_deliversFirstSampleAtOnceThenEachAtItsPresentationTime() {
        scheduler.advance(Duration.ofSeconds(7)); // the clock's zero is arbitrary
        long t0 = scheduler.nanos();
        Pacer p = pacer(new LoopingSource(ClipTest.videoClip(10)));
        p.start();

        scheduler.runDue();
        assertThat(delivered).hasSize(1);
        scheduler.advance(Duration.ofNanos(FRAME - 1));
        assertThat(delivered).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(delivered).hasSize(31);
        for (int i = 0; i < delivered.size(); i++) {
            assertThat(deliveredAt.get(i) - t0).as("sample %d", i).isEqualTo(delivered.get(i).presentationTime().toNanos());
        }
        assertThat(p.anchorNanos()).hasValue(t0);
        assertThat(skips).isEmpty();
    }

    @Test
    void pacing_overManyLoops_doesNotDrift() {
        long t0 = scheduler.nanos();
        pacer(new LoopingSource(ClipTest.videoClip(10))).start();

        scheduler.advance(Duration.ofSeconds(3600));

        assertThat(delivered).hasSize(3600 * 30 + 1);
        TimedSample last = delivered.get(delivered.size() - 1);
        assertThat(last.presentationTime()).isEqualTo(Duration.ofHours(1));
        assertThat(deliveredAt.get(deliveredAt.size() - 1) - t0).isEqualTo(Duration.ofHours(1).toNanos());
    }

    @Test
    void lateWakeUpWithinMaxLag_catchesUpWithoutSkipping() {
        long t0 = scheduler.nanos();
        pacer(new LoopingSource(ClipTest.videoClip(10))).start();
        scheduler.runDue();

        scheduler.jumpClock(Duration.ofMillis(200)); // the executor was busy for 200 ms
        scheduler.runDue();

        assertThat(delivered).hasSize(1 + 6); // frames 1..6 were due by 200 ms
        assertThat(skips).isEmpty();
        scheduler.advance(Duration.ofMillis(100));
        assertThat(deliveredAt.get(deliveredAt.size() - 1) - t0)
                .isEqualTo(delivered.get(delivered.size() - 1).presentationTime().toNanos());
    }

    @Test
    void fallingBehindPastMaxLag_skipsAheadInsteadOfBursting() {
        long t0 = scheduler.nanos();
        Pacer p = pacer(new LoopingSource(ClipTest.videoClip(10)));
        p.start();
        scheduler.runDue();

        scheduler.jumpClock(Duration.ofSeconds(2));
        scheduler.runDue();

        assertThat(delivered).hasSize(2); // one late sample, not two seconds' worth
        assertThat(p.skips()).isEqualTo(1);
        assertThat(skips).singleElement().isEqualTo(Duration.ofNanos(2_000_000_000L - FRAME));
        long newAnchor = t0 + 2_000_000_000L - FRAME;
        assertThat(p.anchorNanos()).hasValue(newAnchor);

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(delivered).hasSize(2 + 30);
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(deliveredAt.get(i) - newAnchor).isEqualTo(delivered.get(i).presentationTime().toNanos());
        }
    }

    @Test
    void stop_deliversNothingMoreAndCancelsTheWakeUp() {
        Pacer p = pacer(new LoopingSource(ClipTest.videoClip(10)));
        p.start();
        scheduler.advance(Duration.ofMillis(100));
        int before = delivered.size();

        p.stop();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(delivered).hasSize(before);
        assertThat(p.isRunning()).isFalse();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void sourceWithNothingReady_isPolledAgainAfterPollInterval() {
        List<TimedSample> ready = new ArrayList<>();
        MediaSource live = new MediaSource() {
            @Override
            public List<TrackInfo> tracks() {
                return List.of(ClipTest.VIDEO);
            }

            @Override
            public TimedSample next() {
                return ready.isEmpty() ? null : ready.remove(0);
            }
        };
        LoopingSource frames = new LoopingSource(ClipTest.videoClip(3));
        pacer(live).start();
        scheduler.advance(Duration.ofMillis(50));
        assertThat(delivered).isEmpty();

        ready.add(frames.next());
        scheduler.advance(Duration.ofMillis(4));
        assertThat(delivered).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(delivered).hasSize(1);
    }

    @Test
    void listenerThrows_pacerStopsAndReportsIt() {
        Pacer p = new Pacer(new LoopingSource(ClipTest.videoClip(3)), new Pacer.Listener() {
            @Override
            public void onSample(TimedSample sample) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onError(RuntimeException error) {
                errors.add(error);
            }
        }, scheduler, scheduler::nanos);
        p.start();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(p.isRunning()).isFalse();
    }

    @Test
    void start_twice_isRejected() {
        Pacer p = pacer(new LoopingSource(ClipTest.videoClip(3)));
        p.start();
        org.assertj.core.api.Assertions.assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
    }
}
