package io.gscam.server.stream;

import io.gscam.server.transport.PacketBatch;
import io.gscam.server.transport.PacketOutlet;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One playing session's place in a {@link PacketStream}'s fan-out. The stream hands each frame's
 * packets, shared, to the event loop of the reader's outlet; there the reader writes what it
 * receives as duplicates of the shared buffers and flushes once per frame.
 *
 * <p>Back-pressure is a byte budget per reader: bytes given to the outlet and not yet written
 * ({@link PacketOutlet#pendingBytes()}) count against it. A frame that does not fit is not written;
 * the reader then drops everything until the first packet of the next keyframe (an IDR access
 * unit, SPS and PPS first), counts the skip, and resumes there, so a decoder never sees a broken
 * reference chain and the queue never grows past the budget. A new reader starts the same way: at
 * the next keyframe. Audio follows the video: while waiting for a keyframe, audio is dropped too (a
 * stream without video has no wait).
 *
 * <p>{@link #deliver} runs on the outlet's event loop; counts may be read from any thread.
 */
public final class StreamReader {
    private final String name;
    private final PacketOutlet outlet;
    private final long budgetBytes;
    private final boolean[] tracks;
    private final boolean waitsForKeyframe;
    private final AtomicLongArray packets;
    private final AtomicLongArray octets;
    private final AtomicLong skips = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ReaderTotals totals;
    /** Confined to the outlet's event loop. */
    private boolean waitingForKeyframe;
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
     * Writes one access unit's (or audio block's) packets and flushes, or skips them. Runs on the
     * outlet's event loop; the batch stays the caller's.
     */
    void deliver(PacketBatch batch) {
        if (write(batch)) {
            outlet.flush();
        }
    }

    /**
     * Writes the first {@code n} batches in order, each after the packets its loop missed before it
     * ({@code missedBefore[i]} per track, or null: see {@link #missed}), then flushes once: a loop that
     * lags writes the frames it catches up with in one go. Runs on the outlet's event loop.
     */
    void deliver(PacketBatch[] batches, int[][] missedBefore, int n) {
        boolean written = false;
        for (int i = 0; i < n; i++) {
            int[] missed = missedBefore[i];
            if (missed != null) {
                for (int track = 0; track < missed.length; track++) {
                    missed(track, missed[track]);
                }
            }
            written |= write(batches[i]);
        }
        if (written) {
            outlet.flush();
        }
    }

    /** Writes one batch without flushing, or skips it; whether it was written. */
    private boolean write(PacketBatch batch) {
        int track = batch.track();
        if (stopped || track >= tracks.length || !tracks[track]) {
            return false;
        }
        if (waitingForKeyframe) {
            if (!batch.keyframeStart()) {
                return false;
            }
            waitingForKeyframe = false;
        }
        int count = batch.packetCount();
        if (!outlet.isOpen() || outlet.pendingBytes() + batch.bytes() > budgetBytes) {
            skip(count);
            return false;
        }
        outlet.write(batch);
        // One writer (this event loop): a plain read-add-store, published to the report threads.
        octets.lazySet(track, octets.get(track) + batch.payloadOctets());
        packets.lazySet(track, packets.get(track) + count);
        totals.sent(count);
        return true;
    }

    /**
     * {@code count} packets of {@code track} never reached this reader's event loop (its backlog was
     * full; {@code count} may be 0): resume at the next keyframe, as when the reader's own budget is
     * full. Runs on the loop.
     */
    void missed(int track, int count) {
        // While waiting for a keyframe nothing counts (as in deliver): a skip already counted, or a new reader.
        if (!stopped && track < tracks.length && tracks[track] && !waitingForKeyframe) {
            skip(count);
        }
    }

    private void skip(int count) {
        if (waitsForKeyframe) {
            waitingForKeyframe = true;
            skips.incrementAndGet();
            totals.skipped();
        }
        dropped.addAndGet(count);
        totals.dropped(count);
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

    /** Bytes waiting in the outlet for this reader now. Read it on the outlet's event loop. */
    public long queuedBytes() {
        return outlet.pendingBytes();
    }
}
