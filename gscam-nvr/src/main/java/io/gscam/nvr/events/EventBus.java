package io.gscam.nvr.events;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The NVR's one in-process event bus. Each subscriber gets its own bounded queue; publishing
 * never blocks: when a subscriber's queue is full the event is dropped for that subscriber only,
 * and counted ({@link Subscription#dropped()}), so a slow webhook cannot stall a recorder.
 * <pre>{@code
 * try (EventBus.Subscription s = nvr.events().subscribe(256)) {
 *     NvrEvent e = s.take(Duration.ofSeconds(1)); // null when none came
 * }
 * }</pre>
 */
public final class EventBus {
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();

    /** A subscription whose queue holds up to {@code capacity} events. */
    public Subscription subscribe(int capacity) {
        Subscription s = new Subscription(capacity);
        subscribers.add(s);
        return s;
    }

    /** Offers {@code event} to every subscriber; never blocks. */
    public void publish(NvrEvent event) {
        for (Subscription s : subscribers) {
            if (!s.queue.offer(event)) {
                s.dropped.incrementAndGet();
            }
        }
    }

    /** One subscriber's queue. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<NvrEvent> queue;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        /** The next event, waiting up to {@code timeout}; null when none came. */
        public NvrEvent take(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Events dropped because this subscriber's queue was full. */
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
