package io.gscam.camera.alarm;

import io.gscam.server.mctp.AlarmFeed;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the camera's alarms to the MCTP connections subscribed with {@code @FFFFFFFF@<channel>}
 * (or channel -1 for all). Each alarm is encoded once and every matching subscriber gets a wrapper
 * of the same bytes.
 *
 * <p>No queue grows here: an alarm goes straight to the subscriber's connection when it is writable
 * (Netty's outbound buffer below its high-water mark). A subscriber that does not read, and so
 * stays unwritable, misses the alarm; the miss is counted per subscription and in total, never
 * waited for. Thread safe: publish from any thread.
 */
public final class AlarmBus implements AlarmFeed {
    /** Subscribe with this channel for the alarms of every channel. */
    public static final int ALL_CHANNELS = AlarmFeed.ALL_CHANNELS;
    private static final Logger log = LoggerFactory.getLogger(AlarmBus.class);

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Subscribes {@code connection} to the alarms of {@code channel} (0..7, or {@link #ALL_CHANNELS}).
     * The subscription ends by {@link Subscription#close()} or when the connection closes.
     */
    @Override
    public Subscription subscribe(int channel, Channel connection) {
        Objects.requireNonNull(connection, "connection");
        if (channel < ALL_CHANNELS) {
            throw new IllegalArgumentException("alarm channel " + channel);
        }
        Subscription s = new Subscription(channel, connection);
        subscriptions.add(s);
        connection.closeFuture().addListener(f -> s.close());
        return s;
    }

    /**
     * Sends {@code alarm} to every subscriber of its channel or of all channels.
     *
     * @return how many subscribers it was written to (the others were unwritable and counted as dropped)
     */
    public int publish(Alarm alarm) {
        published.incrementAndGet();
        byte[] wire = alarm.toMessage().toBytes();
        int sent = 0;
        for (Subscription s : subscriptions) {
            if (s.channel != ALL_CHANNELS && s.channel != alarm.channel()) {
                continue;
            }
            Channel c = s.connection;
            if (c.isActive() && c.isWritable()) {
                c.writeAndFlush(Unpooled.wrappedBuffer(wire), c.voidPromise());
                sent++;
            } else {
                s.dropped.incrementAndGet();
                dropped.incrementAndGet();
                log.debug("alarm {} dropped for slow subscriber {}", alarm, c.remoteAddress());
            }
        }
        delivered.addAndGet(sent);
        log.info("alarm channel {} {} sent to {} subscriber(s)", alarm.channel(), alarm.source(), sent);
        return sent;
    }

    /** The number of current subscriptions. */
    public int subscribers() {
        return subscriptions.size();
    }

    public long published() {
        return published.get();
    }

    /** Alarm messages written to subscribers, in total. */
    public long delivered() {
        return delivered.get();
    }

    /** Alarm messages a subscriber missed because its connection was not writable, in total. */
    public long dropped() {
        return dropped.get();
    }

    /** One connection's interest in the alarms of one channel (or all). */
    public final class Subscription implements AlarmFeed.Subscription {
        private final int channel;
        private final Channel connection;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(int channel, Channel connection) {
            this.channel = channel;
            this.connection = connection;
        }

        /** 0..7, or {@link #ALL_CHANNELS}. */
        public int channel() {
            return channel;
        }

        public Channel connection() {
            return connection;
        }

        /** Alarms this subscriber missed because it was not writable. */
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
