package io.gscam.nvr;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.fail;

/** Waits for a condition with a deadline, and fails at the deadline (the test kit will hold the shared one). */
final class Await {
    private Await() {
    }

    static <T> T until(Duration timeout, String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = probe.call();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50); // polling interval, not synchronisation: the deadline decides
        }
        return fail("not within " + timeout.toMillis() + " ms: " + what + (last == null ? "" : " (last error: " + last + ")"));
    }
}
