package io.gscam.client.emulator;

import io.gscam.client.CameraEvent;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraState;
import io.gscam.client.StateChange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every event a session delivered to {@link #listener()}, with waits on conditions over them (deadlines, no sleeps). */
final class EventLog {
    private final List<CameraEvent> events = new ArrayList<>();

    /** The listener that a session hands its events to. */
    CameraListener listener() {
        return CameraListener.of(this::add);
    }

    private synchronized void add(CameraEvent e) {
        events.add(e);
        notifyAll();
    }

    synchronized List<CameraEvent> all() {
        return List.copyOf(events);
    }

    synchronized int size() {
        return events.size();
    }

    /** The events of {@code type} from index {@code from} on. */
    synchronized <T extends CameraEvent> List<T> since(int from, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (CameraEvent e : events.subList(Math.min(from, events.size()), events.size())) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    <T extends CameraEvent> List<T> of(Class<T> type) {
        return since(0, type);
    }

    List<CameraState> states() {
        return of(StateChange.class).stream().map(StateChange::state).toList();
    }

    /** Waits until {@code condition} holds over the events; fails the test with {@code what} at the deadline. */
    synchronized void await(Duration within, String what, Predicate<List<CameraEvent>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.test(events)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what + "; last events: "
                        + events.subList(Math.max(0, events.size() - 5), events.size()));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until {@code count} events of {@code type} arrived after index {@code from}. */
    void awaitCount(Class<? extends CameraEvent> type, int from, int count, Duration within) throws InterruptedException {
        await(within, count + " x " + type.getSimpleName(),
                list -> list.subList(Math.min(from, list.size()), list.size()).stream().filter(type::isInstance).count() >= count);
    }

    /** Waits until a change to {@code state} arrived after index {@code from}. */
    void awaitState(CameraState state, int from, Duration within) throws InterruptedException {
        await(within, state + " after event " + from, list -> list.subList(Math.min(from, list.size()), list.size()).stream()
                .anyMatch(e -> e instanceof StateChange c && c.state() == state));
    }
}
