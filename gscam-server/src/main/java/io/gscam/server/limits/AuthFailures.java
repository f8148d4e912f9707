package io.gscam.server.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Failed logins per peer address (DESIGN.md, Limits and defenses): after {@link #ALLOWED} failures
 * within {@link #WINDOW}, that address's further 401s are answered only after {@link #DELAY} (the
 * caller schedules the reply; no thread waits), so guessing passwords costs a second a try per
 * connection instead of a tenth of a millisecond, while every other address is answered at once.
 * Failures are logged through an {@link AddressLog}. Bounded: the least recently failing addresses
 * are forgotten first. Thread-safe.
 */
public final class AuthFailures {
    public static final int ALLOWED = 5;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final Duration DELAY = Duration.ofSeconds(1);

    private final InstantSource clock;
    private final AddressLog log;
    private final Map<InetAddress, Deque<Instant>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Deque<Instant>> eldest) {
            return size() > AddressLog.MAX_ADDRESSES;
        }
    };

    public AuthFailures(InstantSource clock, AddressLog log) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** With its own {@link AddressLog} writing to SLF4J. */
    public AuthFailures(InstantSource clock) {
        this(clock, new AddressLog(clock));
    }

    /**
     * Records a failed login from {@code from} and logs it (rate-limited).
     *
     * @param detail what failed, without credentials: method, {@link LoggedUri} and the reason
     * @return how long to hold the 401: zero for the first {@link #ALLOWED} within the window
     */
    public Duration failed(InetAddress from, String detail) {
        Instant now = clock.instant();
        boolean throttled;
        synchronized (recent) {
            Deque<Instant> times = recent.computeIfAbsent(from, a -> new ArrayDeque<>(ALLOWED + 1));
            while (!times.isEmpty() && Duration.between(times.peekFirst(), now).compareTo(WINDOW) >= 0) {
                times.pollFirst();
            }
            throttled = times.size() >= ALLOWED;
            times.addLast(now);
            if (times.size() > ALLOWED) {
                times.pollFirst(); // the last ALLOWED are all the rule needs
            }
        }
        log.event(from, "authorization failure(s)" + (throttled ? ", 401s delayed" : ""), detail);
        return throttled ? DELAY : Duration.ZERO;
    }
}
