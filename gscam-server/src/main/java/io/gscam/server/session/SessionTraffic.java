package io.gscam.server.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a session's media delivery did over all its PLAYs (a PAUSE ends one delivery, the next PLAY
 * starts another): RTP packets sent, and what falling behind cost it, keyframe skips and dropped
 * packets. Each delivery adds its counts when it stops, so once the session has closed they are
 * complete. Thread safe.
 */
public final class SessionTraffic {
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong keyframeSkips = new AtomicLong();
    private final AtomicLong droppedPackets = new AtomicLong();

    /** Adds one stopped delivery's counts. */
    public void add(long packets, long skips, long dropped) {
        packetsSent.addAndGet(packets);
        keyframeSkips.addAndGet(skips);
        droppedPackets.addAndGet(dropped);
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    public long keyframeSkips() {
        return keyframeSkips.get();
    }

    public long droppedPackets() {
        return droppedPackets.get();
    }

    /** {@code "N packets sent, S keyframe skips, D packets dropped"}, for the session's closing log line. */
    public String summary() {
        return packetsSent() + " packets sent, " + keyframeSkips() + " keyframe skips, " + droppedPackets() + " packets dropped";
    }
}
