package io.gscam.nvr.record;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that write every camera's recording, instead of a thread per camera. Every
 * {@link #BATCH} one tick hands each recorder with something queued (or a second without anything)
 * to a thread of the pool, which writes all it has; a recorder is never on two threads at once.
 * At 64 cameras of 30 fps that is about 10 wake-ups a second in all, where a thread per camera
 * woke 640 times (each after its own 100 ms wait) and the I/O threads signalled more.
 *
 * <p>A tick puts the recorders with work on one ready queue and starts as many workers as there
 * are threads (fewer when some still run); each worker takes recorders from the queue until it is
 * empty. So a tick costs a couple of hand-offs between threads, not one per camera (64 task
 * submissions, each waking the other thread, ten times a second).
 *
 * <p>The I/O threads never wait for these: they only queue (bounded, {@link CameraRecorder}). A
 * camera whose disk stalls holds one worker; the others go on taking the other cameras.
 */
public final class RecorderThreads implements AutoCloseable {
    /** How long frames gather before they are written. */
    static final Duration BATCH = Duration.ofMillis(100);
    private static final int DEFAULT_THREADS = 2;

    private final ScheduledThreadPoolExecutor pool;
    private final int threads;
    private final List<CameraRecorder> recorders = new CopyOnWriteArrayList<>();
    /** Claimed recorders waiting for a worker. */
    private final Queue<CameraRecorder> ready = new ConcurrentLinkedQueue<>();
    /** Workers started and not yet finished. */
    private final AtomicInteger workers = new AtomicInteger();

    private RecorderThreads(int threads) {
        this.threads = threads;
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
            ready.add(r);
            startWorker();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        int claimed = 0;
        for (CameraRecorder r : recorders) {
            if (r.hasWork(now) && r.claim()) {
                ready.add(r);
                claimed++;
            }
        }
        // Left over (a worker that failed) or new: as many workers as there is work for, up to the threads.
        int wanted = Math.min(Math.max(claimed, ready.isEmpty() ? 0 : 1), threads);
        for (int i = 0; i < wanted; i++) {
            startWorker();
        }
    }

    /** Starts a worker unless {@link #threads} run already (those take what was queued). */
    private void startWorker() {
        for (int n = workers.get(); n < threads; n = workers.get()) {
            if (workers.compareAndSet(n, n + 1)) {
                try {
                    pool.execute(this::work);
                } catch (RejectedExecutionException e) {
                    workers.decrementAndGet();
                    releaseReady(); // closed: each recorder's close finds it not running
                }
                return;
            }
        }
    }

    /** Drains ready recorders until none is left; a recorder queued while it stops is taken by it again. */
    private void work() {
        do {
            try {
                for (CameraRecorder r = ready.poll(); r != null; r = ready.poll()) {
                    r.drain();
                }
            } finally {
                workers.decrementAndGet();
            }
        } while (!ready.isEmpty() && rejoin());
    }

    private boolean rejoin() {
        for (int n = workers.get(); n < threads; n = workers.get()) {
            if (workers.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false; // enough workers run to take it
    }

    private void releaseReady() {
        for (CameraRecorder r = ready.poll(); r != null; r = ready.poll()) {
            r.release();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
