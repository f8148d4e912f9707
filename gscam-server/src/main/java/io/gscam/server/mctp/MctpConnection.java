package io.gscam.server.mctp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpDecoder;
import io.gscam.protocol.mctp.MctpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Instant;

/**
 * One MCTP connection: decodes its messages and answers them for {@link MctpService}. A connection
 * holds at most one heartbeat registration and one alarm subscription; a later registration of the
 * same kind replaces the earlier one. State changes run on the connection's event loop; the fields
 * the service's sweep reads from another thread are volatile.
 */
final class MctpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MctpConnection.class);

    private final MctpService service;
    private final MctpDecoder decoder = new MctpDecoder();
    private volatile Channel channel;
    private volatile Instant lastHeard;
    private volatile String vouchedSession;
    private AlarmFeed.Subscription subscription;

    MctpConnection(MctpService service) {
        this.service = service;
        this.lastHeard = service.now();
    }

    Instant lastHeard() {
        return lastHeard;
    }

    String vouchedSession() {
        return vouchedSession;
    }

    SocketAddress remoteAddress() {
        Channel c = channel;
        return c == null ? null : c.remoteAddress();
    }

    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        lastHeard = service.now();
        service.opened(this);
        // The bus drops the alarm subscription by the same signal.
        channel.closeFuture().addListener(f -> service.closed(this));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            for (MctpMessage m : decoder.feed(buf.nioBuffer())) {
                if (!ctx.channel().isOpen()) {
                    return;
                }
                onMessage(ctx, m);
            }
        } catch (ParseException e) {
            service.badInput(ctx.channel().remoteAddress(), "malformed MCTP message(s), connection closed", e.getMessage());
            ctx.close();
        } finally {
            buf.release();
        }
    }

    private void onMessage(ChannelHandlerContext ctx, MctpMessage m) throws ParseException {
        Instant now = service.now();
        lastHeard = now;
        String vouched = vouchedSession;
        if (vouched != null) {
            service.heard(vouched, now);
        }
        if (!m.isAlive()) {
            service.badInput(ctx.channel().remoteAddress(), "unknown MCTP command(s) ignored", m.command());
            return;
        }
        if (m.direction() != MctpMessage.Direction.CS) {
            log.debug("MCTP connection {}: ignoring an SC message from the client", ctx.channel().remoteAddress());
            return;
        }
        if (m.isKeepAlive()) {
            reply(ctx, MctpMessage.keepAliveReply());
            return;
        }
        MctpMessage.Registration r = m.registration();
        if (r.isAlarmSubscription()) {
            reply(ctx, MctpMessage.registerReply(r.sessionId(), r.channel(), subscribe(ctx, r.channel())));
        } else {
            boolean ok = service.vouch(r.sessionId(), r.channel(), now);
            if (ok) {
                vouchedSession = r.sessionId();
            }
            log.debug("MCTP connection {}: heartbeat registration for session {} channel {}: {}",
                    ctx.channel().remoteAddress(), r.sessionId(), r.channel(), ok ? "live" : "no such session");
            reply(ctx, MctpMessage.registerReply(r.sessionId(), r.channel(), ok));
        }
    }

    private boolean subscribe(ChannelHandlerContext ctx, int alarmChannel) {
        if (!service.servesAlarmChannel(alarmChannel)) {
            return false;
        }
        if (subscription != null) {
            subscription.close();
        }
        subscription = service.alarms().subscribe(alarmChannel, ctx.channel());
        log.debug("MCTP connection {}: subscribed to alarms of channel {}", ctx.channel().remoteAddress(), alarmChannel);
        return true;
    }

    private void reply(ChannelHandlerContext ctx, MctpMessage m) {
        if (!ctx.channel().isWritable()) {
            // A peer that sends but never reads its replies would grow our outbound buffer.
            log.info("MCTP connection {}: does not read its replies: closing it", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(m.toBytes()), ctx.voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("MCTP connection {}: {}: closing it", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
