package io.gscam.net;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Bytes to {@link io.gscam.protocol.rtsp.RtspFrame}s (requests and {@code $} frames) with the
 * protocol's incremental decoder, which keeps partial frames itself within its limits (8 KiB request
 * line, 64 KiB headers, 1 MiB body), so nothing here buffers without bound. A parse error becomes
 * one {@link Malformed} message, after which the rest of the stream is discarded: it cannot be
 * resynchronised, and the handler answers 400 and closes.
 */
public final class RtspFrameDecoder extends ByteToMessageDecoder {
    /** The stream stopped being RTSP at {@code error}. */
    public record Malformed(ParseException error) {
    }

    private final RtspMessageDecoder decoder = new RtspMessageDecoder();
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
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
}
