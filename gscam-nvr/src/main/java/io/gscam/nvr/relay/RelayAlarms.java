package io.gscam.nvr.relay;

import io.gscam.client.AlarmEvent;
import io.gscam.protocol.mctp.MctpMessage;
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
 * The relay's alarms for MCTP: every camera's alarms, as the NVR's upstream alarm connection
 * received them, re-sent to the relay clients subscribed with {@code @FFFFFFFF@<channel>} (or -1)
 * in the dialect's message, with the camera's own channel, source and time.
 *
 * <p>The MCTP alarm message has no field for a camera, so a subscriber gets the alarms of every
 * relayed camera (filtered by channel); the NVR's events (HTTP, MQTT) name the camera. As the
 * emulator's alarm bus does, an alarm goes straight to a writable connection and is dropped (and
 * counted) for one that does not read: no queue grows here. Thread safe.
 */
final class RelayAlarms implements AlarmFeed {
    private static final Logger log = LoggerFactory.getLogger(RelayAlarms.class);

    /** One subscription; identity-equal, so the set holds each once. */
    private final class Sub implements Subscription {
        private final int channel;
        private final Channel connection;

        Sub(int channel, Channel connection) {
            this.channel = channel;
            this.connection = connection;
        }

        int channel() {
            return channel;
        }

        Channel connection() {
            return connection;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final Set<Sub> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    @Override
    public Subscription subscribe(int channel, Channel connection) {
        Objects.requireNonNull(connection, "connection");
        Sub s = new Sub(channel, connection);
        subscriptions.add(s);
        connection.closeFuture().addListener(f -> s.close());
        return s;
    }

    /** Sends {@code alarm} of {@code camera} to every subscriber of its channel or of all. */
    void forward(String camera, AlarmEvent alarm) {
        byte[] wire;
        try {
            wire = MctpMessage.alarm(alarm.channel(), alarm.source(), alarm.time()).toBytes();
        } catch (IllegalArgumentException e) {
            log.info("relay of {}: alarm not forwarded ({})", camera, e.getMessage());
            return;
        }
        int sent = 0;
        for (Sub s : subscriptions) {
            if (s.channel() != ALL_CHANNELS && s.channel() != alarm.channel()) {
                continue;
            }
            Channel c = s.connection();
            if (c.isActive() && c.isWritable()) {
                c.writeAndFlush(Unpooled.wrappedBuffer(wire), c.voidPromise());
                sent++;
            } else {
                dropped.incrementAndGet();
            }
        }
        forwarded.addAndGet(sent);
        log.debug("relay of {}: alarm channel {} {} sent to {} subscriber(s)", camera, alarm.channel(), alarm.source(), sent);
    }

    int subscribers() {
        return subscriptions.size();
    }

    /** Alarm messages written to subscribers so far. */
    long forwarded() {
        return forwarded.get();
    }

    /** Alarm messages not written because a subscriber's connection was not writable. */
    long dropped() {
        return dropped.get();
    }
}
