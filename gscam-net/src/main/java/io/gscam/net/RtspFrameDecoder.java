package io.gscam.net;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.Objects;

/**
 * Bytes to {@link io.gscam.protocol.rtsp.RtspFrame}s (requests and {@code $} frames) with the
 * protocol's incremental decoder, which keeps partial frames itself within its limits (8 KiB request
 * line, 64 KiB headers, 1 MiB body), so nothing here buffers without bound. A parse error becomes
 * one {@link Malformed} message, after which the rest of the stream is discarded: it cannot be
 * resynchronised, and the handler answers 400 and closes.
 *
 * <p>With an {@link InterleavedSink} (a client receiving media), a {@code $} frame that starts
 * between frames goes to the sink instead of the pipeline: read straight out of the socket's buffer
 * (into one array the decoder reuses, when the buffer has none of its own), with no object per
 * packet. One such frame is taken per {@code decode} call, so the messages decoded before it have
 * been passed on first and arrival order holds. A frame that a read cuts off is copied into that
 * array as its bytes come (at most 65535 bytes), not left in Netty's cumulation: the next read then
 * needs no merging into it, and each byte of media is copied once between the socket's buffer and the
 * sink. Only a header cut off (at most 3 bytes) waits in the cumulation. Everything else takes the
 * protocol decoder's path.
 */
public final class RtspFrameDecoder extends ByteToMessageDecoder {
    /** The stream stopped being RTSP at {@code error}. */
    public record Malformed(ParseException error) {
    }

    /**
     * Takes the payload of one {@code $} frame. The bytes are valid only during the call: the array
     * is reused for the next frame, so a sink that keeps them copies them.
     */
    @FunctionalInterface
    public interface InterleavedSink {
        void onInterleaved(int channel, byte[] data, int offset, int length);
    }

    private static final int FIRST_SCRATCH = 2048;

    private final RtspMessageDecoder decoder = new RtspMessageDecoder();
    private final InterleavedSink sink;
    private byte[] scratch;
    private boolean failed;
    /** The channel of a {@code $} frame a read cut off (its payload so far in scratch), or -1. */
    private int partChannel = -1;
    private int partLength;
    private int partFilled;

    /** Every frame, {@code $} frames included, into the pipeline as {@link InterleavedFrame}s. */
    public RtspFrameDecoder() {
        this.sink = null;
    }

    /** {@code $} frames to {@code sink}, the rest into the pipeline. */
    public RtspFrameDecoder(InterleavedSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (partChannel >= 0) {
            continueFrame(in);
            return;
        }
        if (sink != null && decoder.isAtFrameBoundary() && in.isReadable() && in.getByte(in.readerIndex()) == InterleavedFrame.MAGIC) {
            interleaved(in);
            return;
        }
        try {
            // Every readable byte is consumed: the decoder keeps unfinished frames itself.
            decoder.decode(in.nioBuffer(), out::add);
        } catch (ParseException e) {
            failed = true;
            out.add(new Malformed(e));
        } finally {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * One {@code $} frame to the sink when it is whole; the start of one that is not, into scratch
     * (the rest follows in {@link #continueFrame}). Nothing is consumed while the header is not whole.
     */
    private void interleaved(ByteBuf in) {
        int at = in.readerIndex();
        if (in.readableBytes() < InterleavedFrame.HEADER_SIZE) {
            return;
        }
        int channel = in.getUnsignedByte(at + 1);
        int length = in.getUnsignedShort(at + 2);
        int payloadAt = at + InterleavedFrame.HEADER_SIZE;
        int have = Math.min(length, in.readableBytes() - InterleavedFrame.HEADER_SIZE);
        in.skipBytes(InterleavedFrame.HEADER_SIZE + have);
        decoder.skipped(InterleavedFrame.HEADER_SIZE + have);
        if (have == length && in.hasArray()) {
            sink.onInterleaved(channel, in.array(), in.arrayOffset() + payloadAt, length);
            return;
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, FIRST_SCRATCH)];
        }
        in.getBytes(payloadAt, scratch, 0, have);
        if (have == length) {
            sink.onInterleaved(channel, scratch, 0, length);
            return;
        }
        partChannel = channel;
        partLength = length;
        partFilled = have;
    }

    /** Bytes waiting in Netty's cumulation for the next read (at most a cut-off {@code $} header). */
    int waitingBytes() {
        return internalBuffer().readableBytes();
    }

    /** More of the frame a read cut off; to the sink once whole. */
    private void continueFrame(ByteBuf in) {
        int n = Math.min(in.readableBytes(), partLength - partFilled);
        in.readBytes(scratch, partFilled, n);
        decoder.skipped(n);
        partFilled += n;
        if (partFilled == partLength) {
            int channel = partChannel;
            partChannel = -1;
            sink.onInterleaved(channel, scratch, 0, partLength);
        }
    }
}
