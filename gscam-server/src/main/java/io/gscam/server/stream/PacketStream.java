package io.gscam.server.stream;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The fan-out of one stream: a producer pushes each RTP packet once, serialised in one buffer, and
 * every attached {@link StreamReader} keeps a retained duplicate of it (DESIGN.md, Fan-out), within
 * its byte budget, skipping to the next keyframe when it falls behind. The producer may be anything:
 * the emulator's paced test pattern, a relayed camera, a recording, a test.
 *
 * <p>Thread safe: one producer thread publishes; readers attach and detach from any thread.
 */
public final class PacketStream {
    /** The fixed RTP header (RFC 3550 5.1). */
    private static final int RTP_HEADER = 12;

    private final int trackCount;
    private final int videoTrack;
    private final LongSupplier nanoClock;
    private final CopyOnWriteArrayList<StreamReader> readers = new CopyOnWriteArrayList<>();
    private final AtomicLong packetsProduced = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param trackCount the stream's tracks, numbered from 0
     * @param videoTrack the video track, where readers start and resume at keyframes; -1 when none
     * @param nanoClock  the monotonic clock of the tracks' {@link RtpTrackState#rtpTimeAt}
     */
    public PacketStream(int trackCount, int videoTrack, LongSupplier nanoClock) {
        if (trackCount <= 0 || videoTrack < -1 || videoTrack >= trackCount) {
            throw new IllegalArgumentException("tracks " + trackCount + ", video track " + videoTrack);
        }
        this.trackCount = trackCount;
        this.videoTrack = videoTrack;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
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
        for (StreamReader r : readers) {
            r.deliver(track, packets, payloadSizes, keyframeStart);
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
    }

    /** Detaches and stops a reader: nothing queued after this is written. */
    public void removeReader(StreamReader reader) {
        reader.stop();
        readers.remove(reader);
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
    }
}
