package io.gscam.net;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Read coalescing for an event loop that receives many steady streams (the client's and the NVR's
 * ingest): the loop waits for readiness at most once per {@code interval}. When it comes back from
 * its work sooner than that after its last wait, it first sleeps out the rest, so one wake-up of
 * the loop then finds every socket that became readable meanwhile, and each socket is read once
 * for everything that arrived, instead of one wake-up (and one read and one ACK) per packet burst
 * per socket. What it costs is latency: a packet waits at most {@code interval} longer, and so does
 * a task handed to the loop while it sleeps (a task queued before it would sleep runs at once).
 * A loop that is woken less often than every {@code interval} never sleeps: an idle or lightly
 * loaded loop blocks in epoll as Netty's default strategy does.
 *
 * <p>Not for a loop that serves readers: the fan-out flushes on its own schedule, and a stalled
 * reader must cost the others nothing. One instance per event loop (it keeps that loop's last wait).
 */
public final class CoalescingSelectStrategy implements SelectStrategy {
    private final long intervalNanos;
    private final LongSupplier nanos;
    private final LongConsumer sleeper;
    private long lastWaitNanos;
    private boolean waited;

    /** With {@code nanos} the monotonic clock and {@code sleeper} what sleeps the given nanoseconds. */
    CoalescingSelectStrategy(Duration interval, LongSupplier nanos, LongConsumer sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanos = nanos;
        this.sleeper = sleeper;
    }

    /** A factory giving each event loop its own strategy with this {@code interval} (zero: Netty's default behaviour). */
    public static SelectStrategyFactory factory(Duration interval) {
        return () -> new CoalescingSelectStrategy(interval, System::nanoTime, LockSupport::parkNanos);
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectSupplier.get(); // as Netty's default: poll without blocking, then run the tasks
        }
        long now = nanos.getAsLong();
        long rest = waited ? lastWaitNanos + intervalNanos - now : 0;
        if (rest > 0) {
            sleeper.accept(rest);
            now = nanos.getAsLong();
        }
        waited = true;
        lastWaitNanos = now;
        return SelectStrategy.SELECT;
    }
}
