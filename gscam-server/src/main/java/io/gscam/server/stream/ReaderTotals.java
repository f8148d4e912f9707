package io.gscam.server.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * The fan-out's totals over every {@link StreamReader} of a server, live and ended: packets handed
 * to outlets, keyframe skips of slow readers and the packets they dropped. Each reader adds as it
 * counts, so the totals are current while readers play. Thread safe.
 */
public final class ReaderTotals {
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder keyframeSkips = new LongAdder();
    private final LongAdder droppedPackets = new LongAdder();

    void sent(long packets) {
        packetsSent.add(packets);
    }

    void skipped() {
        keyframeSkips.increment();
    }

    void dropped(long packets) {
        droppedPackets.add(packets);
    }

    /** RTP packets handed to readers' outlets. */
    public long packetsSent() {
        return packetsSent.sum();
    }

    /** Times a reader fell behind its byte budget and skipped to the next keyframe. */
    public long keyframeSkips() {
        return keyframeSkips.sum();
    }

    /** Packets not sent because a reader's budget was full or its outlet closed. */
    public long droppedPackets() {
        return droppedPackets.sum();
    }
}
