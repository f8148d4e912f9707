package io.gscam.cli.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long each step of the readers' set-up took, request sent to its answer read, summed over all
 * readers: where a slow set-up waits (the server's answer to one method, or the connect). Written by
 * the readers' event loops, read once at the end. Thread safe.
 */
final class SetupSteps {
    /** The steps, in handshake order; a DESCRIBE answered 401 is its own step. */
    enum Step { CONNECT, OPTIONS, DESCRIBE_401, DESCRIBE, SETUP, PLAY }

    private static final int STEPS = Step.values().length;
    private final AtomicLongArray count = new AtomicLongArray(STEPS);
    private final AtomicLongArray sumNanos = new AtomicLongArray(STEPS);
    private final AtomicLongArray maxNanos = new AtomicLongArray(STEPS);

    void record(Step step, long nanos) {
        int i = step.ordinal();
        count.incrementAndGet(i);
        sumNanos.addAndGet(i, nanos);
        long m;
        while ((m = maxNanos.get(i)) < nanos && !maxNanos.compareAndSet(i, m, nanos)) {
            // another reader raised it meanwhile: compare again
        }
    }

    long count(Step step) {
        return count.get(step.ordinal());
    }

    /** One line: per step its mean and worst time in ms, e.g. {@code SETUP 3.1/40 ms}. */
    String summary() {
        StringBuilder b = new StringBuilder();
        for (Step s : Step.values()) {
            long n = count.get(s.ordinal());
            if (n == 0) {
                continue;
            }
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f/%.0f ms", s,
                    sumNanos.get(s.ordinal()) / 1e6 / n, maxNanos.get(s.ordinal()) / 1e6));
        }
        return b.append(" (mean/worst, request sent to answer read)").toString();
    }
}
