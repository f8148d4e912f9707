package io.gscam.client.internal.rtp;

import io.gscam.protocol.rtp.RtpPacket;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Puts RTP packets of one stream back in sequence order, for UDP where packets overtake each other.
 * A packet ahead of the next expected one waits, at most {@code capacity} packets and at most
 * {@code maxDelay}; then the buffer gives up on the missing packets, counts them lost and goes on.
 * A packet behind the next expected one arrived too late (or twice) and is dropped. A jump of more
 * than {@value #MAX_DROPOUT} ahead or {@value #MAX_MISORDER} behind is a restarted sender (RFC 3550
 * appendix A.1's rule): the buffer flushes and restarts at that packet.
 *
 * <p>With capacity 0 (TCP, where nothing is reordered) packets pass straight through and gaps are
 * only counted. Pure: time comes in as an argument; not thread safe.
 */
public final class ReorderBuffer {
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;

    private final int capacity;
    private final long maxDelayNanos;
    private final RtpPacket[] slots;
    private final long[] arrivals;
    private int buffered;
    /** Next sequence number to deliver, or -1 before the first packet. */
    private int expected = -1;

    private long lost;
    private long reordered;
    private long late;

    public ReorderBuffer(int capacity, Duration maxDelay) {
        if (capacity < 0 || capacity > 4096) {
            throw new IllegalArgumentException("reorder capacity out of 0..4096: " + capacity);
        }
        this.capacity = capacity;
        this.maxDelayNanos = maxDelay.toNanos();
        this.slots = new RtpPacket[Math.max(capacity, 1)];
        this.arrivals = new long[Math.max(capacity, 1)];
    }

    /** A pass-through that only counts gaps. */
    public static ReorderBuffer inOrder() {
        return new ReorderBuffer(0, Duration.ZERO);
    }

    /**
     * Takes one packet; delivers to {@code out} every packet that is now in order. A packet that
     * waits is {@link RtpPacket#detach() detached} first, so {@code packet} may be borrowed.
     */
    public void offer(RtpPacket packet, long nowNanos, Consumer<RtpPacket> out) {
        int seq = packet.sequenceNumber();
        if (expected < 0) {
            deliver(packet, out);
            return;
        }
        int ahead = (seq - expected) & RtpPacket.MAX_SEQUENCE;
        if (ahead == 0) {
            if (buffered > 0) {
                reordered++;
            }
            deliver(packet, out);
            drain(out);
        } else if (ahead < 0x8000 && ahead < MAX_DROPOUT) {
            if (ahead < capacity) {
                int slot = slotOf(seq);
                if (slots[slot] == null) {
                    if (hasBufferedBeyond(ahead)) {
                        reordered++;
                    }
                    slots[slot] = packet.detach(); // it outlives the caller's bytes
                    arrivals[slot] = nowNanos;
                    buffered++;
                } else {
                    late++; // a duplicate of a waiting packet
                }
            } else {
                // Beyond the window: what waits is as complete as it will get.
                flushAll(out);
                lost += (seq - expected) & RtpPacket.MAX_SEQUENCE;
                deliver(packet, out);
            }
        } else {
            int behind = (expected - seq) & RtpPacket.MAX_SEQUENCE;
            if (behind <= MAX_MISORDER) {
                late++;
            } else {
                flushAll(out);
                deliver(packet, out);
            }
        }
        flushExpired(nowNanos, out);
    }

    /** Gives up on missing packets when the oldest waiting packet waited {@code maxDelay}; call on a timer too. */
    public void flushExpired(long nowNanos, Consumer<RtpPacket> out) {
        while (buffered > 0) {
            int first = firstBufferedDistance();
            int slot = slotOf(expected + first);
            if (nowNanos - oldestArrival() < maxDelayNanos) {
                return;
            }
            lost += first;
            expected = (expected + first) & RtpPacket.MAX_SEQUENCE;
            RtpPacket p = slots[slot];
            slots[slot] = null;
            buffered--;
            deliver(p, out);
            drain(out);
        }
    }

    /** Delivers everything waiting, in order, counting the gaps as lost. */
    public void flushAll(Consumer<RtpPacket> out) {
        while (buffered > 0) {
            int first = firstBufferedDistance();
            lost += first;
            expected = (expected + first) & RtpPacket.MAX_SEQUENCE;
            int slot = slotOf(expected);
            RtpPacket p = slots[slot];
            slots[slot] = null;
            buffered--;
            deliver(p, out);
            drain(out);
        }
    }

    private void deliver(RtpPacket p, Consumer<RtpPacket> out) {
        expected = (p.sequenceNumber() + 1) & RtpPacket.MAX_SEQUENCE;
        out.accept(p);
    }

    private void drain(Consumer<RtpPacket> out) {
        while (buffered > 0) {
            int slot = slotOf(expected);
            RtpPacket p = slots[slot];
            if (p == null || p.sequenceNumber() != expected) {
                return;
            }
            slots[slot] = null;
            buffered--;
            deliver(p, out);
        }
    }

    private int firstBufferedDistance() {
        for (int d = 1; d < slots.length; d++) {
            RtpPacket p = slots[slotOf(expected + d)];
            if (p != null && p.sequenceNumber() == ((expected + d) & RtpPacket.MAX_SEQUENCE)) {
                return d;
            }
        }
        throw new IllegalStateException("buffered packets out of the window");
    }

    private boolean hasBufferedBeyond(int distance) {
        for (int d = distance + 1; d < slots.length; d++) {
            RtpPacket p = slots[slotOf(expected + d)];
            if (p != null && p.sequenceNumber() == ((expected + d) & RtpPacket.MAX_SEQUENCE)) {
                return true;
            }
        }
        return false;
    }

    private long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                oldest = Math.min(oldest, arrivals[i]);
            }
        }
        return oldest;
    }

    private int slotOf(int sequence) {
        return (sequence & RtpPacket.MAX_SEQUENCE) % slots.length;
    }

    public int waiting() {
        return buffered;
    }

    /** Packets never received: gaps given up on. */
    public long lost() {
        return lost;
    }

    /** Packets that arrived after a later one and were put back in order. */
    public long reordered() {
        return reordered;
    }

    /** Packets that arrived after the buffer gave up on them, or twice; dropped. */
    public long late() {
        return late;
    }
}
