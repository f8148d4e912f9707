package io.gscam.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: on a condition, with a deadline, failing the test at the deadline with what
 * was awaited. Never a bare sleep as synchronisation, and never a silent return on timeout.
 */
public final class Await {
    /** How often a condition is polled: short against every deadline used here, long against a spin. */
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Waits until {@code condition} holds; throws {@link AssertionError} naming {@code what} at the deadline. */
    public static void until(Duration within, String what, BooleanSupplier condition) {
        value(within, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Waits until {@code probe} returns something other than null or {@code false} and returns it; a
     * probe that throws (a file not there yet, a server not answering yet) counts as not yet, and its
     * last error is named when the deadline fails the test.
     */
    public static <T> T result(Duration within, String what, Callable<T> probe) {
        Exception[] last = new Exception[1];
        try {
            return value(within, what, () -> {
                try {
                    T v = probe.call();
                    return v == null || Boolean.FALSE.equals(v) ? Optional.empty() : Optional.of(v);
                } catch (Exception e) {
                    last[0] = e;
                    return Optional.empty();
                }
            });
        } catch (AssertionError e) {
            throw last[0] == null ? e : new AssertionError(e.getMessage() + " (last error: " + last[0] + ")", last[0]);
        }
    }

    /** Waits until {@code probe} gives a value and returns it; fails naming {@code what} at the deadline. */
    public static <T> T value(Duration within, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS); // the poll interval of a condition with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
