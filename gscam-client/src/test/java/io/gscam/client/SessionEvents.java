package io.gscam.client;

import io.gscam.testkit.Await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Takes a session's events until what the test waits for arrived; fails the test at the deadline. */
final class SessionEvents {
    private SessionEvents() {
    }

    /** Every event taken from {@code session} until {@code done} holds over them. */
    static List<CameraEvent> takeUntil(CameraSession session, Duration within, String what, Predicate<List<CameraEvent>> done) {
        List<CameraEvent> events = new ArrayList<>();
        Await.until(within, what, () -> {
            if (done.test(events)) {
                return true;
            }
            CameraEvent e = take(session);
            if (e != null) {
                events.add(e);
            }
            return done.test(events);
        });
        return events;
    }

    static long count(List<CameraEvent> events, Class<? extends CameraEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    private static CameraEvent take(CameraSession session) {
        try {
            return session.take(Duration.ofMillis(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted taking events", e);
        }
    }
}
