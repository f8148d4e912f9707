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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * to each loop (one queue entry, not one task per reader), and the loop writes it to its readers, so a
 * frame costs a reader one duplicate, one write and one flush, and no cross-thread hand-off of its own.
 *
 * <p>A loop runs its batches from its own queue in one task at a time, at most {@link #SLICE} batches
 * per task, and runs the rest after its next I/O pass and the tasks queued meanwhile: the loop's other
 * work (an accept, a request to read, a new connection's registration, an RTSP answer coming back
 * from the blocking executor) waits behind at most one slice of fan-out, not behind every frame the
 * loop has fallen behind by. A loop that runs several batches in one task writes them all to a
 * reader before it flushes it, so a loop that lags catches up with one {@code writev} per reader and
 * slice instead of one per frame.
 *
 * <p>A loop's backlog is bounded too ({@link #DEFAULT_LOOP_BACKLOG} batches not yet delivered): a
 * reader's byte budget only counts what its loop has written, so a loop that cannot keep up (an
 * overloaded machine) would otherwise queue frames without limit, holding their buffers. A batch that
 * finds its loop's backlog full is not queued; that loop's readers then resume at the next keyframe,
 * as a slow reader does, and count the skip.
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
    /** Batches a loop writes in one task before it lets its other tasks run (half a second of video). */
    static final int SLICE = 16;

    private final int trackCount;
    private final int videoTrack;
    private final LongSupplier nanoClock;
    private final ByteBufAllocator alloc;
    private final int loopBacklog;
    private final CopyOnWriteArrayList<StreamReader> readers = new CopyOnWriteArrayList<>();
    /** The loops with readers; replaced whole under {@code this} when a reader comes or goes. */
    private volatile LoopBacklog[] loops = new LoopBacklog[0];
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
        for (LoopBacklog loop : loops) {
            if (loop.queued.get() >= loopBacklog) {
                loop.notQueued(track, packets.length);
                batchesNotQueued.incrementAndGet();
                continue;
            }
            loop.offer(new PacketBatch(track, packets, payloadSizes, keyframeStart, alloc));
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
        Map<EventExecutor, LoopBacklog> before = new LinkedHashMap<>();
        for (LoopBacklog l : loops) {
            before.put(l.executor, l);
        }
        List<LoopBacklog> now = new ArrayList<>(byLoop.size());
        byLoop.forEach((executor, rs) -> {
            LoopBacklog l = before.remove(executor);
            if (l == null) {
                l = new LoopBacklog(executor, trackCount);
            }
            l.readers = rs.toArray(StreamReader[]::new);
            now.add(l);
        });
        for (LoopBacklog gone : before.values()) {
            gone.readers = new StreamReader[0]; // what it still has queued is released unwritten
        }
        loops = now.toArray(LoopBacklog[]::new);
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

    /** Batches handed to the event loops and not yet delivered, over all loops. */
    public int queuedBatches() {
        int n = 0;
        for (LoopBacklog l : loops) {
            n += l.queued.get();
        }
        return n;
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

    private static final long NO_GAP = -1;

    /** A batch waiting in a loop's queue, {@code seq} its place among those handed to the loop. */
    private record Queued(PacketBatch batch, long seq) {
    }

    /**
     * One event loop's readers and batches: the queue of batches handed to it and not delivered yet
     * (with their count), the one task that delivers them, and where the first of those the loop was
     * not given falls (after batch {@code gapAfter}), with their packets per track.
     */
    private static final class LoopBacklog {
        final EventExecutor executor;
        /** The loop's readers; replaced whole by a regroup. */
        volatile StreamReader[] readers = new StreamReader[0];
        final Queue<Queued> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicLong handed = new AtomicLong();
        final AtomicLong gapAfter = new AtomicLong(NO_GAP);
        final AtomicIntegerArray missed;
        /** Whether {@link #drain} is in the loop's task queue or running. */
        final AtomicBoolean scheduled = new AtomicBoolean();
        private final Runnable drain = this::drain;
        /** Confined to the loop: the slice being written, and the packets missed before each of its batches. */
        private final PacketBatch[] slice = new PacketBatch[SLICE];
        private final int[][] missedBefore = new int[SLICE][];

        LoopBacklog(EventExecutor executor, int tracks) {
            this.executor = executor;
            this.missed = new AtomicIntegerArray(tracks);
        }

        /** By the producer: queues a batch, and the task that writes it unless it is queued already. */
        void offer(PacketBatch batch) {
            queued.incrementAndGet();
            queue.offer(new Queued(batch, handed.incrementAndGet()));
            if (scheduled.compareAndSet(false, true)) {
                run();
            }
        }

        /** By the producer: a batch of {@code packets} packets of {@code track} was not queued. */
        void notQueued(int track, int packets) {
            missed.addAndGet(track, packets);
            gapAfter.compareAndSet(NO_GAP, handed.get()); // the earliest gap not yet seen by the loop
        }

        private void run() {
            try {
                executor.execute(drain);
            } catch (RejectedExecutionException e) {
                releaseQueued();
            }
        }

        /**
         * On the loop, with batches left after a slice: runs the rest after the loop's next I/O pass
         * (reads of RTSP requests, accepts, writes of sockets that became writable) and after the
         * tasks queued meanwhile. A task put back with {@code execute} would run in the same pass:
         * Netty runs queued tasks for up to a second before it polls I/O again.
         */
        private void runAfterIo() {
            try {
                executor.schedule(drain, 0, TimeUnit.NANOSECONDS);
            } catch (UnsupportedOperationException e) {
                run(); // an executor without a scheduler (tests)
            } catch (RejectedExecutionException e) {
                releaseQueued();
            }
        }

        /** The loop is shutting down, and its connections with it: nothing will write these. */
        private void releaseQueued() {
            Queued q;
            while ((q = queue.poll()) != null) {
                queued.decrementAndGet();
                q.batch().release();
            }
            scheduled.set(false);
        }

        /** On the loop: writes up to one slice of batches to every reader, then lets other tasks run. */
        private void drain() {
            int n = 0;
            Queued q;
            while (n < SLICE && (q = queue.poll()) != null) {
                queued.decrementAndGet();
                slice[n] = q.batch();
                missedBefore[n] = missedBefore(q.seq());
                n++;
            }
            try {
                for (StreamReader r : readers) {
                    r.deliver(slice, missedBefore, n);
                }
            } finally {
                for (int i = 0; i < n; i++) {
                    slice[i].release();
                    slice[i] = null;
                    missedBefore[i] = null;
                }
                if (!queue.isEmpty()) {
                    runAfterIo();
                } else {
                    scheduled.set(false);
                    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                        run(); // offered between the poll and the reset
                    }
                }
            }
        }

        /**
         * For the batch {@code seq}: when it is the first after batches the loop was not given, the
         * packets missed per track (its readers resume at a keyframe); otherwise null.
         */
        private int[] missedBefore(long seq) {
            long after = gapAfter.get();
            if (after < 0 || seq <= after || !gapAfter.compareAndSet(after, NO_GAP)) {
                return null;
            }
            int[] m = new int[missed.length()];
            for (int track = 0; track < m.length; track++) {
                m[track] = missed.getAndSet(track, 0);
            }
            return m;
        }
    }
}
