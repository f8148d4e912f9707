package io.gscam.server.stream;

import io.gscam.protocol.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * A served track whose RTP packets a producer makes and publishes to a {@link PacketStream}: its
 * SSRC, the sequence number after the last packet published, the RTP time of a media clock anchored
 * at one instant, and the step from packets to what every reader gets. The camera's live stream and
 * the NVR's relay are made of these; they differ in where the clock's anchor comes from.
 *
 * <p>One producer thread calls {@link #publish}; request and report threads read the RTP state.
 */
public abstract class PublishedTrack implements RtpTrackState {
    private static final long MASK = 0xFFFFFFFFL;

    private final int index;
    private final long ssrc;
    private volatile int nextSequence;

    protected PublishedTrack(int index, long ssrc, int firstSequence) {
        this.index = index;
        this.ssrc = ssrc;
        this.nextSequence = firstSequence & RtpPacket.MAX_SEQUENCE;
    }

    /** This track's index in the stream's SDP and {@link PacketStream}. */
    public final int index() {
        return index;
    }

    @Override
    public final long ssrc() {
        return ssrc;
    }

    /** The sequence number of the next packet (RTP-Info {@code seq}). */
    @Override
    public final int nextSequence() {
        return nextSequence;
    }

    /**
     * The RTP timestamp at {@code nowNanos} of a media clock at {@code clockRate} that read
     * {@code anchorTimestamp} at {@code anchorNanos}: {@code anchorTimestamp + (now - anchor) * clockRate}.
     */
    protected static long rtpTimeAt(long nowNanos, long anchorNanos, long anchorTimestamp, int clockRate) {
        return (anchorTimestamp + ticks(nowNanos - anchorNanos, clockRate)) & MASK;
    }

    /** {@code nanos * clockRate / 1e9} rounded down, exact for any duration (no overflow, no double). */
    public static long ticks(long nanos, int clockRate) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rest = Math.floorMod(nanos, 1_000_000_000L);
        return seconds * clockRate + rest * clockRate / 1_000_000_000L;
    }

    /**
     * Offers one sample's packets (this track's SSRC and sequence numbers) to every reader of
     * {@code stream}, each serialised once into a direct buffer that the readers retain duplicates
     * of. A keyframe of the stream's video track starts a GOP for the readers.
     */
    public final void publish(List<RtpPacket> packets, boolean keyframe, PacketStream stream, ByteBufAllocator alloc) {
        if (packets.isEmpty()) {
            return;
        }
        nextSequence = (packets.get(packets.size() - 1).sequenceNumber() + 1) & RtpPacket.MAX_SEQUENCE;
        ByteBuf[] bufs = new ByteBuf[packets.size()];
        int[] payloadSizes = new int[packets.size()];
        try {
            for (int i = 0; i < bufs.length; i++) {
                RtpPacket p = packets.get(i);
                ByteBuf b = alloc.directBuffer(p.size());
                p.writeTo(b.nioBuffer(0, p.size()));
                b.writerIndex(p.size());
                bufs[i] = b;
                payloadSizes[i] = p.size() - p.headerSize();
            }
            stream.publish(index, bufs, payloadSizes, keyframe && index == stream.videoTrack());
        } finally {
            for (ByteBuf b : bufs) {
                if (b != null) {
                    b.release();
                }
            }
        }
    }
}
