package io.gscam.server.transport;

import io.gscam.protocol.rtsp.InterleavedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Arrays;
import java.util.Objects;

/**
 * One access unit's (or audio block's) RTP packets of one track, as the fan-out hands them to the
 * readers of one event loop. The batch holds a reference to each packet until {@link #release()}.
 *
 * <p>For TCP interleaving it makes, on first use per channel, one buffer with every packet after its
 * 4-byte {@code $} header (RFC 2326 10.12): the header is written once per channel and batch, not
 * once per reader, and a reader writes the whole access unit as one buffer, one {@code write(2)} per
 * frame (GStreamer's buffer lists and live555's merged writes, in one copy).
 *
 * <p>Confined to the event loop it was handed to; not thread safe.
 */
public final class PacketBatch {
    private final int track;
    private final ByteBuf[] packets;
    private final int[] payloadSizes;
    private final boolean keyframeStart;
    private final int interleavedBytes;
    private final ByteBufAllocator alloc;
    private int[] channels = new int[0];
    private ByteBuf[] framed = new ByteBuf[0];
    private boolean released;

    /**
     * Takes a reference of each packet (the caller keeps its own).
     *
     * @param payloadSizes each packet's RTP payload octets (the sender report's octet count)
     * @param keyframeStart the packets start a keyframe (SPS and PPS first), where a waiting reader may begin
     * @param alloc where the interleaved copies are made: a pooled allocator keeps each reader's
     *              duplicate of them free of allocation (Netty recycles pooled duplicates)
     */
    public PacketBatch(int track, ByteBuf[] packets, int[] payloadSizes, boolean keyframeStart, ByteBufAllocator alloc) {
        if (packets.length != payloadSizes.length) {
            throw new IllegalArgumentException(packets.length + " packets, " + payloadSizes.length + " payload sizes");
        }
        this.track = track;
        this.packets = packets.clone();
        this.payloadSizes = payloadSizes;
        this.keyframeStart = keyframeStart;
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        long bytes = 0;
        for (ByteBuf p : packets) {
            bytes += InterleavedFrame.HEADER_SIZE + p.readableBytes();
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch of " + bytes + " bytes");
        }
        this.interleavedBytes = (int) bytes;
        for (ByteBuf p : this.packets) {
            p.retain();
        }
    }

    public int track() {
        return track;
    }

    public boolean keyframeStart() {
        return keyframeStart;
    }

    public int packetCount() {
        return packets.length;
    }

    /** Packet {@code i} (owned by the batch: duplicate it to keep it). */
    public ByteBuf packet(int i) {
        return packets[i];
    }

    /** Packet {@code i}'s RTP payload octets. */
    public int payloadSize(int i) {
        return payloadSizes[i];
    }

    /** The packets' RTP payload octets together. */
    public long payloadOctets() {
        long sum = 0;
        for (int s : payloadSizes) {
            sum += s;
        }
        return sum;
    }

    /** The bytes a reader is sent: every packet with its 4-byte interleaved header (the byte budget's unit). */
    public int bytes() {
        return interleavedBytes;
    }

    /**
     * Every packet after its {@code $ channel length} header, in one buffer owned by the batch
     * (write a retained duplicate of it). Made on the first call per channel.
     */
    public ByteBuf interleaved(int channel) {
        if (released) {
            throw new IllegalStateException("batch released");
        }
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] == channel) {
                return framed[i];
            }
        }
        ByteBuf f = alloc.directBuffer(interleavedBytes);
        for (ByteBuf p : packets) {
            f.writeByte(InterleavedFrame.MAGIC).writeByte(channel).writeShort(p.readableBytes())
                    .writeBytes(p, p.readerIndex(), p.readableBytes());
        }
        channels = Arrays.copyOf(channels, channels.length + 1);
        framed = Arrays.copyOf(framed, framed.length + 1);
        channels[channels.length - 1] = channel;
        framed[framed.length - 1] = f;
        return f;
    }

    /** Drops the batch's references: its packets and interleaved copies (readers keep their own). Idempotent. */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        for (ByteBuf p : packets) {
            p.release();
        }
        for (ByteBuf f : framed) {
            f.release();
        }
    }
}
