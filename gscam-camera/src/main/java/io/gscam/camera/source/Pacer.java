package io.gscam.camera.source;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Releases the samples of a {@link MediaSource} at wall-clock rate to a {@link Listener}.
 *
 * <p>Each sample is due at {@code anchor + presentationTime}, where the anchor is the clock reading
 * at which media time 0 is due: set when the first sample is taken (that sample is due at once) and
 * never derived from the previous wake-up, so scheduling jitter never accumulates into drift.
 * A pacer that falls behind by more than {@code maxLag} (a stalled executor, a live source that
 * stalled) does not burst the backlog: it moves the anchor forward so the late sample is due now and
 * counts a skip. Media timestamps stay continuous; only the mapping to wall time moves, which
 * {@link #anchorNanos()} reports for RTCP sender reports. When the source has nothing ready it asks
 * again after {@code pollInterval}.
 *
 * <p>Runs on the injected executor, one step at a time; the listener is called on that executor's
 * thread and must not block. The clock is a monotonic nanosecond counter ({@code System::nanoTime}
 * in production, a fake in tests).
 */
public final class Pacer implements AutoCloseable {
    /** Receives paced samples. */
    public interface Listener {
        void onSample(TimedSample sample);

        /** The pacer fell {@code behind} the schedule and moved its anchor forward by that much. */
        default void onSkip(Duration behind) {
        }

        /** The source or the listener threw; the pacer has stopped. */
        default void onError(RuntimeException error) {
        }
    }

    private enum State { NEW, RUNNING, STOPPED }

    private final MediaSource source;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private final LongSupplier nanoClock;
    private final long maxLagNanos;
    private final long pollNanos;

    private final Object lock = new Object();
    private State state = State.NEW;
    private ScheduledFuture<?> wakeUp;
    private volatile long anchor;
    private volatile boolean anchored;
    private volatile long skips;
    private TimedSample pending;

    public Pacer(MediaSource source, Listener listener, ScheduledExecutorService executor, LongSupplier nanoClock,
                 Duration maxLag, Duration pollInterval) {
        this.source = Objects.requireNonNull(source, "source");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxLag.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("maxLag must be >= 0 and pollInterval > 0");
        }
        this.maxLagNanos = maxLag.toNanos();
        this.pollNanos = pollInterval.toNanos();
    }

    /** A pacer that skips ahead past 500 ms of lag and polls an idle source every 5 ms. */
    public Pacer(MediaSource source, Listener listener, ScheduledExecutorService executor, LongSupplier nanoClock) {
        this(source, listener, executor, nanoClock, Duration.ofMillis(500), Duration.ofMillis(5));
    }

    /** Starts pacing; the first sample is delivered at once. */
    public void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("pacer already " + state);
            }
            state = State.RUNNING;
            wakeUp = executor.schedule(this::step, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops pacing; no sample is delivered after this returns unless a step is already running. Idempotent. Does not close the source. */
    public void stop() {
        synchronized (lock) {
            state = State.STOPPED;
            if (wakeUp != null) {
                wakeUp.cancel(false);
                wakeUp = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /** The clock reading at which media time 0 is due, once the first sample has been taken. */
    public OptionalLong anchorNanos() {
        return anchored ? OptionalLong.of(anchor) : OptionalLong.empty();
    }

    /** How often the pacer fell more than maxLag behind and skipped ahead. */
    public long skips() {
        return skips;
    }

    private void step() {
        try {
            long delay = deliverDue();
            if (delay >= 0) {
                synchronized (lock) {
                    if (state == State.RUNNING) {
                        wakeUp = executor.schedule(this::step, delay, TimeUnit.NANOSECONDS);
                    }
                }
            }
        } catch (RuntimeException e) {
            stop();
            listener.onError(e);
        }
    }

    /** Delivers every sample that is due; returns nanoseconds until the next step, or -1 when stopped. */
    private long deliverDue() {
        while (isRunning()) {
            if (pending == null) {
                pending = source.next();
                if (pending == null) {
                    return pollNanos;
                }
            }
            long now = nanoClock.getAsLong();
            long pts = pending.presentationTime().toNanos();
            if (!anchored) {
                anchor = now - pts;
                anchored = true;
            }
            long due = anchor + pts;
            if (due > now) {
                return due - now;
            }
            long late = now - due;
            if (late > maxLagNanos) {
                anchor += late;
                skips++;
                listener.onSkip(Duration.ofNanos(late));
            }
            TimedSample s = pending;
            pending = null;
            listener.onSample(s);
        }
        return -1;
    }
}
