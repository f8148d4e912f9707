package io.gscam.nvr.record;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The few threads that write every camera's recording, instead of a thread per camera. Every
 * {@link #BATCH} one tick hands each recorder with something queued (or a second without anything)
 * to a thread of the pool, which writes all it has; a recorder is never on two threads at once.
 * At 64 cameras of 30 fps that is about 10 wake-ups a second in all, where a thread per camera
 * woke 640 times (each after its own 100 ms wait) and the I/O threads signalled more.
 *
 * <p>The I/O threads never wait for these: they only queue (bounded, {@link CameraRecorder}). A
 * camera whose disk stalls holds one thread of the pool; the others go on with the other cameras.
 */
public final class RecorderThreads implements AutoCloseable {
    /** How long frames gather before they are written. */
    static final Duration BATCH = Duration.ofMillis(100);
    private static final int DEFAULT_THREADS = 2;

    private final ScheduledThreadPoolExecutor pool;
    private final List<CameraRecorder> recorders = new CopyOnWriteArrayList<>();

    private RecorderThreads(int threads) {
        this.pool = new ScheduledThreadPoolExecutor(threads, new DefaultThreadFactory("nvr-writer", true));
        this.pool.setRemoveOnCancelPolicy(true);
        long batch = BATCH.toNanos();
        pool.scheduleAtFixedRate(this::tick, batch, batch, TimeUnit.NANOSECONDS);
    }

    /** A pool of {@code threads} writer threads (at least 2, so one stalled disk leaves a thread for the others). */
    public static RecorderThreads of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        return new RecorderThreads(threads);
    }

    /** Two threads: enough for 64 cameras on a 2-core box, and one left when a disk stalls the other. */
    public static RecorderThreads defaults() {
        return of(DEFAULT_THREADS);
    }

    void add(CameraRecorder r) {
        recorders.add(r);
    }

    void remove(CameraRecorder r) {
        recorders.remove(r);
    }

    /** Runs the recorder's writing now rather than at the next tick (its stop, for one). */
    void now(CameraRecorder r) {
        if (r.claim()) {
            submit(r);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (CameraRecorder r : recorders) {
            if (r.hasWork(now) && r.claim()) {
                submit(r);
            }
        }
    }

    private void submit(CameraRecorder r) {
        try {
            pool.execute(r::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            r.release(); // closed: the recorder's close finds it not running
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
