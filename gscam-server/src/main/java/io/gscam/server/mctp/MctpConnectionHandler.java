package io.gscam.server.mctp;

import io.netty.channel.ChannelHandler;

/**
 * The extension point for the MCTP heartbeat/alarm service on the RTSP port. When the first bytes
 * of a connection are MCTP ({@code CMD:} or a first line containing {@code MCTP/1.0}, DESIGN.md),
 * the connection sniffer replaces itself with the handler this factory makes for the connection;
 * the bytes read so far are passed on to it unchanged, as the first inbound message(s).
 */
@FunctionalInterface
public interface MctpConnectionHandler {
    /** A fresh handler (or pipeline initializer) for one MCTP connection. */
    ChannelHandler newHandler();

    /** Until the MCTP service is installed: such connections are closed. */
    MctpConnectionHandler CLOSE = () -> new io.netty.channel.ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
            ctx.close();
        }
    };
}
