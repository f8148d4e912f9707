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
 * been passed on first and arrival order holds. A frame not yet whole waits in Netty's cumulation
 * (at most 4 + 65535 bytes); everything else takes the protocol decoder's path.
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

    /** One whole {@code $} frame to the sink; nothing consumed while it is not whole. */
    private void interleaved(ByteBuf in) {
        int at = in.readerIndex();
        if (in.readableBytes() < InterleavedFrame.HEADER_SIZE) {
            return;
        }
        int channel = in.getUnsignedByte(at + 1);
        int length = in.getUnsignedShort(at + 2);
        if (in.readableBytes() < InterleavedFrame.HEADER_SIZE + length) {
            return;
        }
        int payloadAt = at + InterleavedFrame.HEADER_SIZE;
        in.skipBytes(InterleavedFrame.HEADER_SIZE + length);
        decoder.skipped(InterleavedFrame.HEADER_SIZE + length);
        if (in.hasArray()) {
            sink.onInterleaved(channel, in.array(), in.arrayOffset() + payloadAt, length);
            return;
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, FIRST_SCRATCH)];
        }
        in.getBytes(payloadAt, scratch, 0, length);
        sink.onInterleaved(channel, scratch, 0, length);
    }
}
