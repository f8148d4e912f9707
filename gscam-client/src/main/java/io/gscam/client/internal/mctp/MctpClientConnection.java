package io.gscam.client.internal.mctp;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.Errors;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpDecoder;
import io.gscam.protocol.mctp.MctpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Grandstream MCTP connection to the camera's RTSP port: a heartbeat ({@code @<session>@<channel>})
 * or an alarm subscription ({@code @FFFFFFFF@<channel|-1>}). It registers, waits for the
 * {@code @...@1} answer, then sends {@code CMD:ALIVE} every interval; the camera answers each. Silence
 * from the camera for three intervals (15 s at the default 5 s, past the spec's 10 s rule), a close,
 * or a registration answered {@code 0} is reported as {@link Kind#HEARTBEAT_LOST}. Alarms are
 * handed to the {@link Handler}. Confined to its event loop.
 */
public final class MctpClientConnection {
    private static final Logger log = LoggerFactory.getLogger(MctpClientConnection.class);
    private static final int SILENT_INTERVALS = 3;

    /** What the connection reports. */
    public interface Handler {
        /** An ALARM message, with the text as received (canonical form). */
        void onAlarm(MctpMessage.Alarm alarm, String rawText);

        /** The connection is gone (not called after {@link #close()}). */
        void onLost(CameraException cause);
    }

    private final Channel channel;
    private final Handler handler;
    private final Duration interval;
    private final String what;
    private final java.util.function.LongSupplier nanos;
    private final CompletableFuture<MctpClientConnection> registered = new CompletableFuture<>();
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> registrationTimeout;
    private long lastHeardNanos;
    private boolean closing;

    private MctpClientConnection(Channel channel, Handler handler, Duration interval, String what,
                                 java.util.function.LongSupplier nanos) {
        this.nanos = nanos;
        this.channel = channel;
        this.handler = handler;
        this.interval = interval;
        this.what = what;
    }

    /**
     * Connects, registers {@code sessionId} on {@code channel} and completes once the camera accepted
     * it; fails with HEARTBEAT_LOST (rejected, closed), TIMEOUT or a connect error.
     */
    public static CompletableFuture<MctpClientConnection> open(ClientRuntime runtime, EventLoop loop, String host, int port,
                                                               String sessionId, int videoChannel, Duration interval,
                                                               Duration connectTimeout, Duration responseTimeout,
                                                               Handler handler) {
        String what = MctpMessage.ALARM_SESSION_ID.equals(sessionId) ? "alarm subscription" : "heartbeat";
        CompletableFuture<MctpClientConnection> result = new CompletableFuture<>();
        MctpClientConnection[] holder = new MctpClientConnection[1];
        runtime.connect(loop, host, port, connectTimeout, pipeline -> pipeline.addLast(new Inbound(holder))).whenComplete((channel, failure) -> {
            if (failure != null) {
                result.completeExceptionally(Errors.connectFailure(failure, host, port, connectTimeout));
                return;
            }
            MctpClientConnection c = new MctpClientConnection(channel, handler, interval, what, runtime::nanoTime);
            holder[0] = c;
            c.registered.whenComplete((ok, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(ok);
                }
            });
            c.register(sessionId, videoChannel, responseTimeout);
        });
        return result;
    }

    private void register(String sessionId, int videoChannel, Duration responseTimeout) {
        lastHeardNanos = nanos.getAsLong();
        registrationTimeout = channel.eventLoop().schedule(() -> fail(new CameraException(Kind.TIMEOUT,
                "timeout: no answer to the " + what + " registration within " + Errors.seconds(responseTimeout))),
                responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        send(MctpMessage.register(sessionId, videoChannel));
    }

    private void send(MctpMessage message) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(message.toBytes()), channel.voidPromise());
    }

    private void onMessage(MctpMessage m) {
        lastHeardNanos = nanos.getAsLong();
        if (m.isAlarm()) {
            try {
                handler.onAlarm(m.alarm(), m.toWireString());
            } catch (ParseException e) {
                log.debug("{}: unreadable alarm ignored: {}", what, e.getMessage());
            }
            return;
        }
        if (m.isAlive() && !m.isKeepAlive() && !registered.isDone()) {
            try {
                MctpMessage.RegistrationReply reply = m.registrationReply();
                registrationTimeout.cancel(false);
                if (!reply.ok()) {
                    fail(new CameraException(Kind.HEARTBEAT_LOST, what + " refused by the camera"));
                    return;
                }
                long period = interval.toMillis();
                keepAlive = channel.eventLoop().scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
                registered.complete(this);
            } catch (ParseException e) {
                fail(new CameraException(Kind.PROTOCOL, what + ": unreadable registration answer: " + e.getMessage(), e));
            }
        }
        // Keep-alive answers and unknown commands only prove the camera is there.
    }

    private void keepAlive() {
        long silent = nanos.getAsLong() - lastHeardNanos;
        if (silent > interval.toNanos() * SILENT_INTERVALS) {
            fail(new CameraException(Kind.HEARTBEAT_LOST, what + ": no answer from the camera for "
                    + Errors.seconds(Duration.ofNanos(silent).withNanos(0))));
            return;
        }
        send(MctpMessage.keepAliveRequest());
    }

    private void fail(CameraException cause) {
        if (closing) {
            return;
        }
        closing = true;
        cancelTimers();
        channel.close();
        if (!registered.isDone()) {
            registered.completeExceptionally(cause);
        } else {
            handler.onLost(cause);
        }
    }

    private void cancelTimers() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (registrationTimeout != null) {
            registrationTimeout.cancel(false);
        }
    }

    public void close() {
        closing = true;
        cancelTimers();
        channel.close();
    }

    private static final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
        private final MctpClientConnection[] holder;
        private final MctpDecoder decoder = new MctpDecoder();

        Inbound(MctpClientConnection[] holder) {
            this.holder = holder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
            MctpClientConnection c = holder[0];
            try {
                decoder.decode(in.nioBuffer(), m -> { // a message before garbage in the same read still counts
                    if (c != null) {
                        c.onMessage(m);
                    }
                });
            } catch (ParseException e) {
                if (c != null) {
                    c.fail(new CameraException(Kind.PROTOCOL, c.what + ": unreadable message from the camera: " + e.getMessage(), e));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            MctpClientConnection c = holder[0];
            if (c != null) {
                c.fail(Errors.connectionFailure(cause, c.what));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            MctpClientConnection c = holder[0];
            if (c != null) {
                c.fail(new CameraException(Kind.HEARTBEAT_LOST, c.what + ": connection closed by the camera"));
            }
        }
    }
}
