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
 * <p>Thread safe: one producer thread publishes; readers attach and detach from any thread.
 */
public final class PacketStream {
    /** The fixed RTP header (RFC 3550 5.1). */
    private static final int RTP_HEADER = 12;

    private final int trackCount;
    private final int videoTrack;
    private final LongSupplier nanoClock;
    private final ByteBufAllocator alloc;
    private final CopyOnWriteArrayList<StreamReader> readers = new CopyOnWriteArrayList<>();
    /** The readers by event loop; replaced whole under {@code this} when a reader comes or goes. */
    private volatile LoopReaders[] loops = new LoopReaders[0];
    private final AtomicLong packetsProduced = new AtomicLong();
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
        if (trackCount <= 0 || videoTrack < -1 || videoTrack >= trackCount) {
            throw new IllegalArgumentException("tracks " + trackCount + ", video track " + videoTrack);
        }
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
            PacketBatch batch = new PacketBatch(track, packets, payloadSizes, keyframeStart, alloc);
            try {
                loop.executor.execute(() -> loop.deliver(batch));
            } catch (RejectedExecutionException e) {
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
        loops = byLoop.entrySet().stream()
                .map(e -> new LoopReaders(e.getKey(), e.getValue().toArray(StreamReader[]::new)))
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
    private record LoopReaders(EventExecutor executor, StreamReader[] readers) {
        void deliver(PacketBatch batch) {
            try {
                for (StreamReader r : readers) {
                    r.deliver(batch);
                }
            } finally {
                batch.release();
            }
        }
    }
}
