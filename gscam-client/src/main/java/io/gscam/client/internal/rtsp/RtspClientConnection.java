package io.gscam.client.internal.rtsp;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.Errors;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspHeaders;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.net.RtspFrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP connection from the client: requests out with a running CSeq, responses matched back to
 * their request by CSeq, {@code $} frames handed to the {@link Handler} in arrival order (so RTP that
 * a camera sends before its PLAY answer is not lost). Confined to its event loop: every method must
 * be called there, and every future completes there.
 */
public final class RtspClientConnection {
    private static final Logger log = LoggerFactory.getLogger(RtspClientConnection.class);

    /** What the connection reports besides responses. */
    public interface Handler {
        /** A {@code $} frame's payload, {@code data[offset, offset + length)}: valid only during the call. */
        void onInterleaved(int channel, byte[] data, int offset, int length);

        /** The connection ended without {@link #close()}: the camera closed it or it failed. */
        void onClosed(CameraException cause);
    }

    private record Pending(RtspMethod method, CompletableFuture<RtspResponse> future, ScheduledFuture<?> timeout) {
    }

    private final Channel channel;
    private final Handler handler;
    private final String where;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private int nextCSeq = 1;
    private boolean closing;

    private RtspClientConnection(Channel channel, Handler handler, String where) {
        this.channel = channel;
        this.handler = handler;
        this.where = where;
    }

    /** Connects on {@code loop}; the future fails with a {@link CameraException} (refused, timeout, ...). */
    public static CompletableFuture<RtspClientConnection> connect(ClientRuntime runtime, EventLoop loop, String host,
                                                                  int port, Duration connectTimeout, Handler handler) {
        CompletableFuture<RtspClientConnection> result = new CompletableFuture<>();
        RtspClientConnection[] holder = new RtspClientConnection[1];
        runtime.connect(loop, host, port, connectTimeout,
                pipeline -> pipeline.addLast(new RtspFrameDecoder((ch, data, off, len) -> {
                    RtspClientConnection c = holder[0];
                    if (c != null && !c.closing) {
                        c.handler.onInterleaved(ch, data, off, len);
                    }
                }), new InboundHandler(holder))).whenComplete((channel, error) -> {
            if (error == null) {
                holder[0] = new RtspClientConnection(channel, handler, Errors.address(host, port));
                result.complete(holder[0]);
            } else {
                result.completeExceptionally(Errors.connectFailure(error, host, port, connectTimeout));
            }
        });
        return result;
    }

    /**
     * Sends a request with the next CSeq. The future completes with any response (the caller reads
     * the status), or fails with TIMEOUT or CONNECTION_LOST.
     */
    public CompletableFuture<RtspResponse> send(RtspRequest request, Duration timeout) {
        CompletableFuture<RtspResponse> future = new CompletableFuture<>();
        if (closing || !channel.isActive()) {
            future.completeExceptionally(new CameraException(Kind.CONNECTION_LOST,
                    request.method() + ": connection to " + where + " closed"));
            return future;
        }
        int cseq = nextCSeq++;
        RtspRequest numbered = request.toBuilder().header(RtspHeaderNames.CSEQ, Integer.toString(cseq)).build();
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
            Pending p = pending.remove(cseq);
            if (p != null) {
                p.future.completeExceptionally(new CameraException(Kind.TIMEOUT,
                        "timeout: no answer to " + request.method() + " within " + Errors.seconds(timeout)));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(cseq, new Pending(request.method(), future, timer));
        log.debug("{} > {} {} CSeq {}", where, request.method(), redactedUri(request.uri()), cseq);
        channel.writeAndFlush(Unpooled.wrappedBuffer(numbered.toBytes())).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                Pending p = pending.remove(cseq);
                if (p != null) {
                    p.timeout.cancel(false);
                    p.future.completeExceptionally(Errors.connectionFailure(f.cause(), request.method().name()));
                }
            }
        });
        return future;
    }

    /** Sends a request and forgets it (TEARDOWN on close); the answer, if any, is ignored. */
    public void sendAndForget(RtspRequest request) {
        send(request, Duration.ofSeconds(1)).exceptionally(t -> null);
    }

    /** Writes raw bytes ({@code $} frames carrying RTCP). */
    public void write(byte[] bytes) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        }
    }

    /** The camera's address on this connection (null once closed). */
    public java.net.InetAddress remoteAddress() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress a ? a.getAddress() : null;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    /** Closes without telling the handler; pending requests fail with CONNECTION_LOST. */
    public void close() {
        closing = true;
        channel.close();
    }

    /** Closes once the already written bytes (a TEARDOWN) have been flushed. */
    public void closeAfterFlush() {
        closing = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void onResponse(RtspResponse response) {
        Optional<Integer> cseq = response.header(RtspHeaderNames.CSEQ).flatMap(RtspClientConnection::parseInt);
        Integer key = cseq.orElse(null);
        if (key == null || !pending.containsKey(key)) {
            // Cheap firmware drops or garbles CSeq; with one request in flight the answer is still clear.
            if (pending.size() == 1) {
                key = pending.keySet().iterator().next();
            } else {
                log.debug("{} < response {} with unknown CSeq {}, ignored", where, response.statusCode(), cseq.orElse(null));
                return;
            }
        }
        Pending p = pending.remove(key);
        p.timeout.cancel(false);
        log.debug("{} < {} {} for {}", where, response.statusCode(), response.reason(), p.method);
        p.future.complete(response);
    }

    private void onServerRequest(RtspRequest request) {
        // Servers may ping with OPTIONS or GET_PARAMETER; anything else we cannot honour.
        boolean known = request.method().equals(RtspMethod.OPTIONS) || request.method().equals(RtspMethod.GET_PARAMETER);
        RtspHeaders.Builder h = RtspHeaders.builder();
        request.header(RtspHeaderNames.CSEQ).ifPresent(c -> h.set(RtspHeaderNames.CSEQ, c));
        RtspResponse answer = RtspResponse.of(known ? RtspStatus.OK : RtspStatus.NOT_IMPLEMENTED, h.build());
        channel.writeAndFlush(Unpooled.wrappedBuffer(answer.toBytes()), channel.voidPromise());
    }

    private void onInactive(Throwable cause) {
        CameraException error = cause == null
                ? new CameraException(Kind.CONNECTION_LOST, "connection closed by the camera")
                : Errors.connectionFailure(cause, "RTSP connection");
        for (Pending p : pending.values()) {
            p.timeout.cancel(false);
            p.future.completeExceptionally(new CameraException(error.kind(), p.method + ": " + error.getMessage(), error));
        }
        pending.clear();
        if (!closing) {
            closing = true;
            handler.onClosed(error);
        }
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A request URI as it may be logged: request URIs carry no credentials, but be sure. */
    static String redactedUri(String uri) {
        int at = uri.indexOf('@');
        int scheme = uri.indexOf("://");
        return at > 0 && scheme > 0 && at > scheme ? uri.substring(0, scheme + 3) + "***" + uri.substring(at) : uri;
    }

    private static final class InboundHandler extends SimpleChannelInboundHandler<Object> {
        private final RtspClientConnection[] holder;
        private Throwable failure;

        InboundHandler(RtspClientConnection[] holder) {
            this.holder = holder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            RtspClientConnection c = holder[0];
            if (c == null) {
                return;
            }
            if (msg instanceof RtspResponse r) {
                c.onResponse(r);
            } else if (msg instanceof InterleavedFrame f) {
                // A frame that arrived mid-message (right after a response): the decoder's own path.
                if (!c.closing) {
                    byte[] payload = f.payload();
                    c.handler.onInterleaved(f.channel(), payload, 0, payload.length);
                }
            } else if (msg instanceof RtspRequest r) {
                c.onServerRequest(r);
            } else if (msg instanceof RtspFrameDecoder.Malformed bad) {
                // The stream stopped being RTSP: it cannot be resynchronised, so the connection fails.
                exceptionCaught(ctx, bad.error());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            RtspClientConnection c = holder[0];
            if (c != null) {
                c.onInactive(failure);
            }
        }
    }
}
