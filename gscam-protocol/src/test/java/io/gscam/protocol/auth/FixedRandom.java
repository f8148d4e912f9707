package io.gscam.protocol.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/** A RandomGenerator that answers bounded ints from a script, so nonces are known in tests. */
final class FixedRandom implements RandomGenerator {
    private final Deque<Integer> ints;

    FixedRandom(Integer... ints) {
        this.ints = new ArrayDeque<>(List.of(ints));
    }

    @Override
    public int nextInt(int bound) {
        int v = ints.isEmpty() ? 0 : ints.removeFirst();
        if (v >= bound) {
            throw new IllegalStateException(v + " out of bound " + bound);
        }
        return v;
    }

    @Override
    public long nextLong() {
        return 0x0123456789ABCDEFL;
    }
}
