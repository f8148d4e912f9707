package io.gscam.server.mctp;

import io.netty.channel.Channel;

/**
 * Where the alarms an MCTP connection subscribes to ({@code @FFFFFFFF@<channel>}) come from. The
 * server only registers the subscription; the feed writes each {@code CMD:ALARM} message to the
 * subscribed connections itself (the camera's alarm generator, or an NVR forwarding a camera's
 * alarms), so the engine knows nothing of what raises alarms.
 */
@FunctionalInterface
public interface AlarmFeed {
    /** Subscribe with this channel for the alarms of every channel. */
    int ALL_CHANNELS = -1;

    /**
     * Subscribes {@code connection} to the alarms of {@code channel} (0..7, or {@link #ALL_CHANNELS});
     * the subscription ends when closed or when the connection closes.
     */
    Subscription subscribe(int channel, Channel connection);

    /** One connection's interest in the alarms of one channel (or all). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** No alarms: subscriptions are accepted and never fed. */
    AlarmFeed NONE = (channel, connection) -> () -> { };
}
