package io.gscam.server.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A log line per peer address at most every {@link #EVERY}, with the count of events since the last
 * one: a peer sending garbage or guessing passwords as fast as it can costs a line per 10 s, not one
 * per attempt. Remembers a bounded number of addresses (the least recently seen go first). Callers
 * pass text that is already free of credentials ({@link LoggedUri}). Thread-safe.
 */
public final class AddressLog {
    /** At most one line per address this often. */
    public static final Duration EVERY = Duration.ofSeconds(10);
    static final int MAX_ADDRESSES = 4096;
    private static final Logger log = LoggerFactory.getLogger(AddressLog.class);

    private record Line(Instant at, int unlogged) {
    }

    private final InstantSource clock;
    private final Consumer<String> sink;
    private final Map<InetAddress, Line> lines = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Line> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** Lines go to this class's SLF4J logger at INFO. */
    public AddressLog(InstantSource clock) {
        this(clock, log::info);
    }

    public AddressLog(InstantSource clock, Consumer<String> sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Counts one event from {@code from}, and logs {@code "<address>: <count> <what> (last: <detail>)"}
     * unless a line for that address went out less than {@link #EVERY} ago.
     */
    public void event(InetAddress from, String what, String detail) {
        Instant now = clock.instant();
        int count;
        synchronized (lines) {
            Line last = lines.get(from);
            int pending = last == null ? 1 : last.unlogged() + 1;
            if (last != null && Duration.between(last.at(), now).compareTo(EVERY) < 0) {
                lines.put(from, new Line(last.at(), pending));
                return;
            }
            lines.put(from, new Line(now, 0));
            count = pending;
        }
        sink.accept(from.getHostAddress() + ": " + count + " " + what + " (last: " + detail + ")");
    }
}
