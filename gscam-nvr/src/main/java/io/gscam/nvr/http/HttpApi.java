package io.gscam.nvr.http;

import io.gscam.nvr.Nvr;
import io.gscam.nvr.web.LiveCameras;
import io.gscam.nvr.web.LiveHandler;
import io.gscam.nvr.web.LiveTokens;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.gscam.net.NettyTransport;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gscam.server.limits.AuthFailures;
import io.gscam.server.limits.ConnectionLimits;
import io.gscam.server.limits.HeaderDeadline;
import io.gscam.server.limits.LoggedUri;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The NVR's HTTP server on Netty: Basic auth with the configured account (compared in constant
 * time; an address failing 5 times a minute gets its 401s a second late, logged once per 10 s),
 * a request not complete 10 s after its first byte or 60 s of idleness closes the connection, then {@link ApiRoutes} on a worker pool, since every route reads the index or files and
 * the event loop must never block.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private final Channel server;
    private final ApiRoutes routes;
    private final ExecutorService workers;
    private final byte[] expectedAuth;
    private final AuthFailures failures;

    private HttpApi(Nvr nvr, EventLoopGroup group, ExecutorService workers, InetSocketAddress bind,
                    ConnectionLimits limits) throws IOException {
        this.failures = new AuthFailures(nvr.clock());
        this.routes = new ApiRoutes(nvr);
        LiveTokens tokens = new LiveTokens(nvr.clock());
        LiveCameras live = new LiveCameras(nvr.live(), nvr.config().cameras().stream().map(c -> c.name()).collect(Collectors.toSet()));
        this.workers = workers;
        String account = nvr.config().http().user() + ":" + nvr.config().http().password();
        this.expectedAuth = ("Basic " + Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        try {
            this.server = new ServerBootstrap().group(group).channelFactory(NettyTransport.of(group).serverChannels())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            HeaderDeadline deadline = new HeaderDeadline(limits.headerTimeout());
                            // all-idle: a live view or download that is being written is not idle
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                                    .addLast(deadline)
                                    .addLast(new HttpServerCodec(8192, 65536, 8192))
                                    .addLast(new HttpObjectAggregator(1 << 20))
                                    .addLast(deadline.end())
                                    .addLast(new LiveHandler(live, tokens, HttpApi.this::authorized))
                                    .addLast(new Handler());
                        }
                    })
                    .bind(bind).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted binding HTTP to " + bind, e);
        } catch (RuntimeException e) {
            throw new IOException("cannot listen for HTTP on " + bind + ": " + e.getMessage(), e);
        }
    }

    public static HttpApi start(Nvr nvr, EventLoopGroup group, ExecutorService workers, InetSocketAddress bind)
            throws IOException {
        return start(nvr, group, workers, bind, ConnectionLimits.DEFAULT);
    }

    /** With the header and idle timeouts given (DESIGN.md, Limits and defenses: 10 s and 60 s by default). */
    public static HttpApi start(Nvr nvr, EventLoopGroup group, ExecutorService workers, InetSocketAddress bind,
                                ConnectionLimits limits) throws IOException {
        return new HttpApi(nvr, group, workers, bind, limits);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private boolean authorized(FullHttpRequest req) {
        String given = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuth);
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                send(ctx, ApiResponse.text(HttpResponseStatus.BAD_REQUEST, "bad request\n"), false);
                return;
            }
            if (!authorized(req)) {
                ApiResponse r = ApiResponse.text(HttpResponseStatus.UNAUTHORIZED, "authentication required\n")
                        .withHeader("WWW-Authenticate", "Basic realm=\"gscam\", charset=\"UTF-8\"");
                Duration delay = req.headers().contains(HttpHeaderNames.AUTHORIZATION)
                        ? failures.failed(peer(ctx), "HTTP " + req.method() + " " + LoggedUri.of(new QueryStringDecoder(req.uri()).path()))
                        : Duration.ZERO;
                if (delay.isZero()) {
                    send(ctx, r, keepAlive);
                } else {
                    // an address that keeps failing waits for its 401 on the event loop's scheduler; nothing blocks
                    ctx.channel().config().setAutoRead(false);
                    ctx.executor().schedule(() -> {
                        send(ctx, r, keepAlive);
                        ctx.channel().config().setAutoRead(true);
                    }, delay.toNanos(), TimeUnit.NANOSECONDS);
                }
                return;
            }
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                send(ctx, ApiResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n"), keepAlive);
                return;
            }
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            String host = req.headers().get(HttpHeaderNames.HOST, "127.0.0.1");
            try {
                workers.execute(() -> {
                    ApiResponse r;
                    try {
                        r = routes.handle(query, host);
                    } catch (RuntimeException e) {
                        log.warn("HTTP {}: {}", query.path(), e.toString(), e);
                        r = ApiResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
                    }
                    ApiResponse done = r;
                    if (done.file() != null) {
                        stream(ctx, done, keepAlive);
                    } else {
                        ctx.executor().execute(() -> send(ctx, done, keepAlive));
                    }
                });
            } catch (RejectedExecutionException e) {
                send(ctx, ApiResponse.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n"), false);
            }
        }

        private static InetAddress peer(ChannelHandlerContext ctx) {
            return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : InetAddress.getLoopbackAddress();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close(); // nothing read or written for the idle timeout (60 s by default)
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /**
     * Sends a file body from the worker thread in 64 KiB chunks, waiting whenever the connection is
     * not writable (so memory stays bounded and the disk is read off the event loop), then deletes it.
     */
    private static void stream(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        try (FileChannel ch = FileChannel.open(r.file(), StandardOpenOption.READ)) {
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status());
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, ch.size());
            r.headers().forEach((k, v) -> res.headers().set(k, v));
            HttpUtil.setKeepAlive(res, keepAlive);
            ctx.writeAndFlush(res);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10);
            while (ctx.channel().isActive()) {
                buf.clear();
                if (ch.read(buf) < 0) {
                    break;
                }
                buf.flip();
                ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf)));
                if (!ctx.channel().isWritable()) {
                    f.awaitUninterruptibly(30, TimeUnit.SECONDS);
                }
            }
            ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
        } catch (IOException e) {
            log.warn("HTTP: sending {} failed: {}", r.file().getFileName(), e.toString());
            ctx.close();
        } finally {
            try {
                Files.deleteIfExists(r.file());
            } catch (IOException e) {
                log.warn("HTTP: cannot delete {}: {}", r.file(), e.toString());
            }
        }
    }

    private static void send(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
