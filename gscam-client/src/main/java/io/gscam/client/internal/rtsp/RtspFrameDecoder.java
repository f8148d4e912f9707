package io.gscam.client.internal.rtsp;

import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.util.List;

/**
 * Netty adapter of the protocol's push decoder: bytes in, {@link io.gscam.protocol.rtsp.RtspFrame}s
 * (messages and {@code $} frames, in arrival order) out. A parse error fails the channel: an RTSP
 * stream cannot be resynchronised.
 */
public final class RtspFrameDecoder extends ByteToMessageDecoder {
    private final RtspMessageDecoder decoder = new RtspMessageDecoder();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            decoder.decode(in.nioBuffer(), out::add);
        } catch (io.gscam.protocol.ParseException e) {
            throw new DecoderException(e);
        } finally {
            in.skipBytes(in.readableBytes());
        }
    }
}
