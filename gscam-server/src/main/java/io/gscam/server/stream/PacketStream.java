package io.gscam.server.stream;

import io.gscam.server.transport.PacketBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The fan-out of one stream: a producer pushes each RTP packet once, serialised in one buffer, and
 * every attached {@link StreamReader} writes a retained duplicate of it (DESIGN.md, Fan-out), within
 * its byte budget, skipping to the next keyframe when it falls behind. The producer may be anything:
 * the emulator's paced test pattern, a relayed camera, a recording, a test.
 *
 * <p>Readers are grouped by the event loop of their outlet: a publish hands one {@link PacketBatch}
 * to each loop (one task, not one per reader), and the loop writes it to its readers, so a frame
 * costs a reader one duplicate, one write and one flush, and no cross-thread hand-off of its own.
 *
 * <p>A loop's backlog is bounded too ({@link #DEFAULT_LOOP_BACKLOG} batches not yet delivered): a
 * reader's byte budget only counts what its loop has written, so a loop that cannot keep up (an
 * overloaded machine) would otherwise queue frames without limit, holding their buffers and putting
 * every other task of the loop (a new connection's registration, an RTSP answer) behind them. A
 * batch that finds its loop's backlog full is not queued; that loop's readers then resume at the next
 * keyframe, as a slow reader does, and count the skip.
 *
 * <p>Thread safe: one producer thread publishes; readers attach and detach from any thread.
 */
public final class PacketStream {
    /** The fixed RTP header (RFC 3550 5.1). */
    private static final int RTP_HEADER = 12;
    /**
     * Batches one loop may have queued: about 3 s of video and audio at 30 + 50 batches a second (8 s
     * of video alone), so that a loop descheduled for a moment on a loaded machine lags rather than skips.
     */
    public static final int DEFAULT_LOOP_BACKLOG = 256;

    private final int trackCount;
    private final int videoTrack;
    private final LongSupplier nanoClock;
    private final ByteBufAllocator alloc;
    private final int loopBacklog;
    private final CopyOnWriteArrayList<StreamReader> readers = new CopyOnWriteArrayList<>();
    /** The readers by event loop; replaced whole under {@code this} when a reader comes or goes. */
    private volatile LoopReaders[] loops = new LoopReaders[0];
    private final AtomicLong packetsProduced = new AtomicLong();
    private final AtomicLong batchesNotQueued = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param trackCount the stream's tracks, numbered from 0
     * @param videoTrack the video track, where readers start and resume at keyframes; -1 when none
     * @param nanoClock  the monotonic clock of the tracks' {@link RtpTrackState#rtpTimeAt}
     */
    public PacketStream(int trackCount, int videoTrack, LongSupplier nanoClock) {
        this(trackCount, videoTrack, nanoClock, PooledByteBufAllocator.DEFAULT);
    }

    /**
     * As above, with the allocator of the interleaved copies ({@link PacketBatch#interleaved}); a
     * pooled one keeps each reader's duplicate of them free of allocation.
     */
    public PacketStream(int trackCount, int videoTrack, LongSupplier nanoClock, ByteBufAllocator alloc) {
        this(trackCount, videoTrack, nanoClock, alloc, DEFAULT_LOOP_BACKLOG);
    }

    /** As above, with the batches one event loop may have queued and not yet delivered. */
    public PacketStream(int trackCount, int videoTrack, LongSupplier nanoClock, ByteBufAllocator alloc, int loopBacklog) {
        if (trackCount <= 0 || videoTrack < -1 || videoTrack >= trackCount) {
            throw new IllegalArgumentException("tracks " + trackCount + ", video track " + videoTrack);
        }
        if (loopBacklog <= 0) {
            throw new IllegalArgumentException("loop backlog must be positive: " + loopBacklog);
        }
        this.loopBacklog = loopBacklog;
        this.trackCount = trackCount;
        this.videoTrack = videoTrack;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
    }

    public int trackCount() {
        return trackCount;
    }

    /** The index of the video track, or -1. */
    public int videoTrack() {
        return videoTrack;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /**
     * Offers one access unit's (or audio block's) RTP packets of {@code track} to every reader. The
     * buffers stay the caller's (release them after the call); readers retain what they queue.
     *
     * @param keyframeStart the packets start a keyframe (SPS and PPS first), where a waiting reader may begin
     */
    public void publish(int track, ByteBuf[] packets, boolean keyframeStart) {
        int[] payloadSizes = new int[packets.length];
        for (int i = 0; i < packets.length; i++) {
            payloadSizes[i] = payloadSize(packets[i]);
        }
        publish(track, packets, payloadSizes, keyframeStart);
    }

    /** As {@link #publish(int, ByteBuf[], boolean)} with each packet's payload size known (the sender report's octets). */
    public void publish(int track, ByteBuf[] packets, int[] payloadSizes, boolean keyframeStart) {
        if (closed || track < 0 || track >= trackCount) {
            return;
        }
        packetsProduced.addAndGet(packets.length);
        for (LoopReaders loop : loops) {
            LoopBacklog backlog = loop.backlog;
            if (backlog.queued.get() >= loopBacklog) {
                backlog.notQueued(track, packets.length);
                batchesNotQueued.incrementAndGet();
                continue;
            }
            backlog.queued.incrementAndGet();
            long seq = backlog.handed.incrementAndGet();
            PacketBatch batch = new PacketBatch(track, packets, payloadSizes, keyframeStart, alloc);
            try {
                loop.executor.execute(() -> loop.deliver(batch, seq));
            } catch (RejectedExecutionException e) {
                backlog.queued.decrementAndGet();
                batch.release(); // the loop is shutting down, and its connections with it
            }
        }
    }

    /** Payload octets of an RTP packet: after the header, CSRCs and extension, before padding. */
    static int payloadSize(ByteBuf packet) {
        int n = packet.readableBytes();
        if (n < RTP_HEADER) {
            return 0;
        }
        int start = packet.readerIndex();
        int b0 = packet.getUnsignedByte(start);
        int header = RTP_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0 && n >= header + 4) {
            header += 4 + 4 * packet.getUnsignedShort(start + header + 2);
        }
        int padding = (b0 & 0x20) != 0 ? packet.getUnsignedByte(start + n - 1) : 0;
        return Math.max(0, n - header - padding);
    }

    /** Attaches a reader: it gets packets from the next keyframe on. A reader of a closed stream is stopped. */
    public void addReader(StreamReader reader) {
        if (closed) {
            reader.stop();
            return;
        }
        readers.add(reader);
        regroup();
    }

    /** Detaches and stops a reader: nothing queued after this is written. */
    public void removeReader(StreamReader reader) {
        reader.stop();
        if (readers.remove(reader)) {
            regroup();
        }
    }

    private synchronized void regroup() {
        Map<EventExecutor, List<StreamReader>> byLoop = new LinkedHashMap<>();
        for (StreamReader r : readers) {
            byLoop.computeIfAbsent(r.outlet().executor(), e -> new ArrayList<>()).add(r);
        }
        // A loop keeps its backlog across regroups: its queued batches are still to run.
        Map<EventExecutor, LoopBacklog> backlogs = new LinkedHashMap<>();
        for (LoopReaders l : loops) {
            backlogs.put(l.executor, l.backlog);
        }
        loops = byLoop.entrySet().stream()
                .map(e -> new LoopReaders(e.getKey(), e.getValue().toArray(StreamReader[]::new),
                        backlogs.getOrDefault(e.getKey(), new LoopBacklog(trackCount))))
                .toArray(LoopReaders[]::new);
    }

    public int readerCount() {
        return readers.size();
    }

    public List<StreamReader> readers() {
        return List.copyOf(readers);
    }

    /** RTP packets published since start (each once, however many readers). */
    public long packetsProduced() {
        return packetsProduced.get();
    }

    /** Batches not handed to an event loop because its backlog was full (once per loop and frame). */
    public long batchesNotQueued() {
        return batchesNotQueued.get();
    }

    /** Stops every reader; later publishes are dropped. */
    public void close() {
        closed = true;
        for (StreamReader r : readers) {
            r.stop();
        }
        readers.clear();
        regroup();
    }

    /** The readers whose outlets share one event loop; the batch is theirs for the loop's task. */
    private record LoopReaders(EventExecutor executor, StreamReader[] readers, LoopBacklog backlog) {
        /** Runs on the loop: {@code seq} is the batch's place among those handed to this loop. */
        void deliver(PacketBatch batch, long seq) {
            try {
                backlog.queued.decrementAndGet();
                long gapAfter = backlog.gapAfter.get();
                if (gapAfter >= 0 && seq > gapAfter && backlog.gapAfter.compareAndSet(gapAfter, NO_GAP)) {
                    // The first batch after those the loop was not given: its readers resume at a keyframe.
                    for (int track = 0; track < backlog.missed.length(); track++) {
                        int missed = backlog.missed.getAndSet(track, 0);
                        for (StreamReader r : readers) {
                            r.missed(track, missed);
                        }
                    }
                }
                for (StreamReader r : readers) {
                    r.deliver(batch);
                }
            } finally {
                batch.release();
            }
        }
    }

    private static final long NO_GAP = -1;

    /**
     * One event loop's batches: how many were handed to it and are not delivered yet, and where the
     * first of those it was not given falls (after batch {@code gapAfter}), with their packets per track.
     */
    private static final class LoopBacklog {
        final AtomicInteger queued = new AtomicInteger();
        final AtomicLong handed = new AtomicLong();
        final AtomicLong gapAfter = new AtomicLong(NO_GAP);
        final AtomicIntegerArray missed;

        LoopBacklog(int tracks) {
            missed = new AtomicIntegerArray(tracks);
        }

        /** By the producer: a batch of {@code packets} packets of {@code track} was not queued. */
        void notQueued(int track, int packets) {
            missed.addAndGet(track, packets);
            gapAfter.compareAndSet(NO_GAP, handed.get()); // the earliest gap not yet seen by the loop
        }
    }
}
