package io.gscam.server.stream;

import io.gscam.server.transport.PacketOutlet;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One playing session's place in a {@link PacketStream}'s fan-out. The stream hands it each packet
 * once, shared; the reader keeps a retained duplicate per packet and queues it to its outlet.
 *
 * <p>Back-pressure is a byte budget per reader: bytes handed to the outlet and not yet written
 * count against it. A packet that does not fit is not queued; the reader then drops everything
 * until the first packet of the next keyframe (an IDR access unit, SPS and PPS first), counts the
 * skip, and resumes there, so a decoder never sees a broken reference chain and the queue never
 * grows past the budget. A new reader starts the same way: at the next keyframe. Audio follows the
 * video: while waiting for a keyframe, audio is dropped too (a stream without video has no wait).
 *
 * <p>{@link #deliver} runs on the stream's producer thread; outlet writes on the outlet's event loop.
 */
public final class StreamReader {
    private final String name;
    private final PacketOutlet outlet;
    private final long budgetBytes;
    private final boolean[] tracks;
    private final boolean waitsForKeyframe;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLongArray packets;
    private final AtomicLongArray octets;
    private final AtomicLong skips = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ReaderTotals totals;
    private volatile boolean waitingForKeyframe;
    private volatile boolean stopped;

    /**
     * @param tracks      which track indexes this reader receives (set up by its session)
     * @param videoTrack  the stream's video track index, or -1 when it has none
     * @param budgetBytes the most bytes that may wait in the outlet for this reader
     */
    public StreamReader(String name, PacketOutlet outlet, boolean[] tracks, int videoTrack, long budgetBytes) {
        this(name, outlet, tracks, videoTrack, budgetBytes, new ReaderTotals());
    }

    /**
     * As above, also adding every count to {@code totals} (the server's, across all its readers).
     */
    public StreamReader(String name, PacketOutlet outlet, boolean[] tracks, int videoTrack, long budgetBytes,
                        ReaderTotals totals) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("byte budget must be positive: " + budgetBytes);
        }
        this.name = name;
        this.outlet = outlet;
        this.tracks = tracks.clone();
        this.budgetBytes = budgetBytes;
        this.waitsForKeyframe = videoTrack >= 0 && videoTrack < tracks.length && tracks[videoTrack];
        this.waitingForKeyframe = waitsForKeyframe;
        this.packets = new AtomicLongArray(tracks.length);
        this.octets = new AtomicLongArray(tracks.length);
        this.totals = Objects.requireNonNull(totals, "totals");
    }

    public String name() {
        return name;
    }

    public PacketOutlet outlet() {
        return outlet;
    }

    /**
     * Offers one access unit's (or audio block's) packets of {@code track}. The buffers stay the
     * caller's; the reader retains what it queues.
     *
     * @param keyframeStart the packets start a keyframe, where a waiting reader may begin
     */
    void deliver(int track, ByteBuf[] packetBufs, int[] payloadSizes, boolean keyframeStart) {
        if (stopped || track >= tracks.length || !tracks[track]) {
            return;
        }
        if (waitingForKeyframe) {
            if (!keyframeStart) {
                return;
            }
            waitingForKeyframe = false;
        }
        long bytes = 0;
        for (ByteBuf b : packetBufs) {
            bytes += b.readableBytes() + 4;
        }
        if (queuedBytes.get() + bytes > budgetBytes || !outlet.isOpen()) {
            if (waitsForKeyframe) {
                waitingForKeyframe = true;
                skips.incrementAndGet();
                totals.skipped();
            }
            dropped.addAndGet(packetBufs.length);
            totals.dropped(packetBufs.length);
            return;
        }
        ByteBuf[] mine = new ByteBuf[packetBufs.length];
        for (int i = 0; i < packetBufs.length; i++) {
            mine[i] = packetBufs[i].retainedDuplicate();
            octets.addAndGet(track, payloadSizes[i]);
        }
        packets.addAndGet(track, packetBufs.length);
        totals.sent(packetBufs.length);
        queuedBytes.addAndGet(bytes);
        long queued = bytes;
        try {
            outlet.executor().execute(() -> write(track, mine, queued));
        } catch (RejectedExecutionException e) {
            release(mine);
            queuedBytes.addAndGet(-queued);
        }
    }

    private void write(int track, ByteBuf[] bufs, long bytes) {
        if (stopped || !outlet.isOpen()) {
            release(bufs);
            queuedBytes.addAndGet(-bytes);
            return;
        }
        for (int i = 0; i < bufs.length; i++) {
            long size = bufs[i].readableBytes() + 4L;
            outlet.writeRtp(track, bufs[i], () -> queuedBytes.addAndGet(-size));
        }
        outlet.flush();
    }

    private static void release(ByteBuf[] bufs) {
        for (ByteBuf b : bufs) {
            ReferenceCountUtil.release(b);
        }
    }

    /** Stops delivery at once: nothing queued after this is written. */
    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Whether the reader receives {@code track}. */
    public boolean receives(int track) {
        return track < tracks.length && tracks[track];
    }

    /** RTP packets handed to the outlet for {@code track} (the sender report's packet count). */
    public long packetsSent(int track) {
        return packets.get(track);
    }

    /** RTP payload octets handed to the outlet for {@code track} (the sender report's octet count). */
    public long octetsSent(int track) {
        return octets.get(track);
    }

    /** RTP packets handed to the outlet over all its tracks. */
    public long packetsSent() {
        long sum = 0;
        for (int i = 0; i < packets.length(); i++) {
            sum += packets.get(i);
        }
        return sum;
    }

    /** How many times the reader fell behind its budget and skipped to the next keyframe. */
    public long keyframeSkips() {
        return skips.get();
    }

    /** Packets not sent because the budget was full or the outlet closed. */
    public long droppedPackets() {
        return dropped.get();
    }

    /** Bytes waiting in the outlet for this reader now. */
    public long queuedBytes() {
        return queuedBytes.get();
    }
}
