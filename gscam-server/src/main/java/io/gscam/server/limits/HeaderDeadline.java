package io.gscam.server.limits;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request is not complete within a timeout of its first byte: the defense
 * against a peer that sends half a header and waits (slowloris). Two handlers: this one, first in the
 * pipeline, starts the clock when bytes arrive and no request is under way; its {@link #end()} marker,
 * placed after the decoder, stops it when any decoded message comes out (a request, a {@code $}
 * frame, an HTTP request, a WebSocket frame). Bytes of a next request that arrived with the previous
 * one start the clock only with the next read: the idle timeout bounds that case. The timer runs on
 * the connection's event loop; nothing blocks.
 */
public final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> pending;

    public HeaderDeadline(Duration timeout) {
        this.timeoutNanos = Objects.requireNonNull(timeout, "timeout").toNanos();
    }

    /** The marker to place after the decoder: a decoded message completes the request under way. */
    public ChannelHandler end() {
        return new End();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pending == null && msg instanceof ByteBuf b && b.isReadable()) {
            pending = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        completed();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        completed();
        ctx.fireChannelInactive();
    }

    private void completed() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        pending = null;
        log.debug("{}: request incomplete after {} ms, closing", ctx.channel().remoteAddress(),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        ctx.close();
    }

    /** After the decoder: each message it produces is a request completed in time. Same event loop as the deadline. */
    private final class End extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            completed();
            ctx.fireChannelRead(msg);
        }
    }
}
