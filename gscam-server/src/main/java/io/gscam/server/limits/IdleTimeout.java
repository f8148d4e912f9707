package io.gscam.server.limits;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Closes a connection that has sent nothing for a while, unless it is busy: an RTSP connection with a
 * playing session (which lives by the session timeout), say. Netty's reader-idle detection on the
 * connection's event loop (its ticker, so an {@code EmbeddedChannel}'s simulated time drives it in tests).
 */
public final class IdleTimeout extends IdleStateHandler {
    private static final Logger log = LoggerFactory.getLogger(IdleTimeout.class);

    private final Predicate<ChannelHandlerContext> busy;

    /** @param busy whether the connection is exempt right now */
    public IdleTimeout(Duration timeout, Predicate<ChannelHandlerContext> busy) {
        super(timeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
        this.busy = busy;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (busy.test(ctx)) {
            return; // checked again after another idle period
        }
        log.debug("{}: idle with no playing session, closing", ctx.channel().remoteAddress());
        ctx.close();
    }
}
