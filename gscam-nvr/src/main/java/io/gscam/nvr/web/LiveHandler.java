package io.gscam.nvr.web;

import io.gscam.nvr.record.LiveFeed;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The live view on the NVR's HTTP port, in front of the API's handler: {@code /api/live/token}
 * (a {@link LiveTokens} token for the page), {@code /api/live/C} (WebSocket upgrade, then
 * {@link LiveStream}) and {@code /api/live/C.mjpeg} ({@link MjpegStream}). Each needs the NVR's
 * Basic credentials or a valid token ({@code ?token=}); everything else passes on untouched.
 * One instance per connection.
 */
public final class LiveHandler extends ChannelInboundHandlerAdapter {
    static final String PREFIX = "/api/live/";
    /** A viewer's bound: above the high mark frames are skipped (to the next keyframe for H.264). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    private final LiveCameras cameras;
    private final LiveTokens tokens;
    private final Predicate<FullHttpRequest> authorized;
    private WebSocketServerHandshaker handshaker;
    private LiveFeed.Subscription subscription;

    public LiveHandler(LiveCameras cameras, LiveTokens tokens, Predicate<FullHttpRequest> authorized) {
        this.cameras = cameras;
        this.tokens = tokens;
        this.authorized = authorized;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame) {
            try {
                webSocketFrame(ctx, frame);
            } finally {
                ReferenceCountUtil.release(frame);
            }
            return;
        }
        if (!(msg instanceof FullHttpRequest req) || !req.uri().startsWith(PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            live(ctx, req);
        } finally {
            req.release();
        }
    }

    private void live(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        List<String> token = q.parameters().get("token");
        boolean ok = authorized.test(req) || (token != null && !token.isEmpty() && tokens.valid(token.get(0)));
        String name = q.path().substring(PREFIX.length());
        if (!ok) {
            FullHttpResponse r = text(HttpResponseStatus.UNAUTHORIZED, "authentication required\n");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gscam\", charset=\"UTF-8\"");
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (name.equals("token")) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("{\"token\":\"" + tokens.issue() + "\",\"expiresIn\":"
                            + LiveTokens.LIFETIME.toSeconds() + "}", StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
            return;
        }
        boolean mjpeg = name.endsWith(".mjpeg");
        String camera = mjpeg ? name.substring(0, name.length() - ".mjpeg".length()) : name;
        if (!cameras.has(camera)) {
            ctx.writeAndFlush(text(HttpResponseStatus.NOT_FOUND, "no camera " + camera + "\n")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().config().setWriteBufferWaterMark(WATER_MARK);
        if (mjpeg) {
            DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "multipart/x-mixed-replace; boundary=" + MjpegStream.BOUNDARY);
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r);
            subscribe(ctx, camera, new MjpegStream(ctx.channel()));
            return;
        }
        if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            ctx.writeAndFlush(text(HttpResponseStatus.BAD_REQUEST, "WebSocket upgrade required\n")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + q.path();
        handshaker = new WebSocketServerHandshakerFactory(location, null, false, 64 * 1024).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (f.isSuccess()) {
                subscribe(ctx, camera, new LiveStream(new ChannelSink(ctx)));
            }
        });
    }

    private void subscribe(ChannelHandlerContext ctx, String camera, io.gscam.client.CameraListener listener) {
        subscription = cameras.watch(camera, listener);
        ctx.channel().closeFuture().addListener(f -> subscription.close());
    }

    private void webSocketFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            handshaker.close(ctx.channel(), close.retain());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        // text and binary from the page carry nothing the server needs
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (subscription != null) {
            subscription.close();
        }
        ctx.fireChannelInactive();
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    /** A WebSocket as a {@link LiveStream.Sink}: ready while the channel is open and writable. */
    private record ChannelSink(ChannelHandlerContext ctx) implements LiveStream.Sink {
        @Override
        public boolean ready() {
            return ctx.channel().isActive() && ctx.channel().isWritable();
        }

        @Override
        public void text(String json) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new TextWebSocketFrame(json));
            }
        }

        @Override
        public void binary(byte[] data) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
            }
        }
    }
}
