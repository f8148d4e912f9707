package io.gscam.camera.http;

import io.gscam.camera.alarm.Alarm;
import io.gscam.camera.alarm.AlarmBus;
import io.gscam.camera.alarm.AlarmSource;
import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.AuthResult;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.server.limits.AuthFailures;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera's HTTP API, one aggregated request at a time:
 * <ul>
 *   <li>{@code POST /api/alarm?channel=N&source=MOTION|INPUT1..4}: the camera's account (Digest, or
 *       Basic), then 200 and the alarm published; 400 for a bad channel or source; 401 with
 *       {@code WWW-Authenticate} (Digest, then Basic) without valid credentials, delayed by a second
 *       once the address has failed 5 times within a minute ({@link AuthFailures}).</li>
 *   <li>{@code GET|HEAD /snapshot/view<N>.jpg}: a JPEG of channel N ({@code image/jpeg}), rendered on
 *       the blocking executor; 404 for a channel the model does not serve. Open without credentials,
 *       as DESIGN.md's command-line contract gives it.</li>
 *   <li>anything else 404; a known path with another method 405 with {@code Allow}.</li>
 * </ul>
 * Responses go out in request order, as HTTP/1.1 pipelining requires: while a snapshot renders, the
 * connection stops reading and requests already decoded wait (at most {@link #MAX_WAITING}).
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String ALARM_PATH = "/api/alarm";
    private static final Pattern SNAPSHOT = Pattern.compile("/snapshot/view([0-9]{1,3})\\.jpg");
    private static final Pattern CHANNEL = Pattern.compile("[0-9]{1,3}");
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);
    /** Requests already decoded that may wait behind a snapshot being rendered; a client pipelining more is closed. */
    static final int MAX_WAITING = 16;

    private final AuthVerifier auth;
    private final AlarmBus alarms;
    private final DeviceModel model;
    private final SnapshotSource snapshots;
    private final Executor blocking;
    private final InstantSource clock;
    private final AuthFailures failures;
    /** Requests received while a snapshot renders, answered after it; event loop only. */
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    /** Whether a snapshot is being rendered off the event loop; event loop only. */
    private boolean rendering;

    HttpApiHandler(AuthVerifier auth, AlarmBus alarms, DeviceModel model, SnapshotSource snapshots,
                   Executor blocking, InstantSource clock, AuthFailures failures) {
        this.failures = failures;
        this.auth = auth;
        this.alarms = alarms;
        this.model = model;
        this.snapshots = snapshots;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!rendering) {
            handle(ctx, request);
        } else if (waiting.size() < MAX_WAITING) {
            waiting.add(request.retain());
        } else {
            log.info("HTTP connection {}: more than {} pipelined requests: closing it", ctx.channel().remoteAddress(), MAX_WAITING);
            ctx.close();
        }
    }

    /** After a snapshot's response: answers the requests that waited for it, in order, until one renders again. */
    private void rendered(ChannelHandlerContext ctx) {
        rendering = false;
        for (FullHttpRequest next; !rendering && (next = waiting.poll()) != null; ) {
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
        if (!rendering) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        super.channelInactive(ctx);
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "malformed request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (path.equals(ALARM_PATH)) {
            if (!request.method().equals(HttpMethod.POST)) {
                methodNotAllowed(ctx, request, "POST");
                return;
            }
            postAlarm(ctx, request, uri);
            return;
        }
        Matcher m = SNAPSHOT.matcher(path);
        if (m.matches()) {
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!request.method().equals(HttpMethod.GET) && !head) {
                methodNotAllowed(ctx, request, "GET, HEAD");
                return;
            }
            snapshot(ctx, request, Integer.parseInt(m.group(1)), head);
            return;
        }
        send(ctx, request, text(HttpResponseStatus.NOT_FOUND, "no such resource: " + path), true);
    }

    private void postAlarm(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        AuthResult result = auth.verify(request.method().name(), Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
        if (result != AuthResult.OK) {
            FullHttpResponse r = text(HttpResponseStatus.UNAUTHORIZED, "authorization required");
            for (AuthChallenge c : auth.challenges(result)) {
                r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, c.format());
            }
            boolean failed = result != AuthResult.MISSING && result != AuthResult.UNKNOWN_NONCE;
            Duration delay = failed ? failures.failed(peer(ctx), "HTTP " + request.method() + " " + uri.path()
                    + " (" + result.name().toLowerCase(Locale.ROOT) + ")") : Duration.ZERO;
            if (delay.isZero()) {
                send(ctx, request, r, true);
            } else {
                sendLater(ctx, request, r, delay);
            }
            return;
        }
        String channelParam = single(uri, "channel");
        Optional<AlarmSource> source = AlarmSource.parse(single(uri, "source"));
        if (channelParam == null || !CHANNEL.matcher(channelParam).matches()) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "channel must be a channel number"), true);
            return;
        }
        int channel = Integer.parseInt(channelParam);
        if (!serves(channel)) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "channel " + channel + " is not one of this camera's"), true);
            return;
        }
        if (source.isEmpty()) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "source must be MOTION or INPUT1..INPUT4"), true);
            return;
        }
        int sent = alarms.publish(new Alarm(channel, source.get(), clock.instant()));
        String body = "{\"channel\":" + channel + ",\"source\":\"" + source.get() + "\",\"subscribers\":" + sent + "}\n";
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        send(ctx, request, r, true);
    }

    private void snapshot(ChannelHandlerContext ctx, FullHttpRequest request, int channel, boolean head) {
        if (!serves(channel)) {
            send(ctx, request, text(HttpResponseStatus.NOT_FOUND, "no channel " + channel), true);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        rendering = true;
        ctx.channel().config().setAutoRead(false);
        try {
            blocking.execute(() -> {
                FullHttpResponse r = render(channel, version);
                try {
                    ctx.executor().execute(() -> {
                        write(ctx, r, keepAlive, head);
                        rendered(ctx);
                    });
                } catch (RejectedExecutionException e) {
                    r.release(); // the camera is shutting down
                }
            });
        } catch (RejectedExecutionException e) {
            rendering = false;
            ctx.channel().config().setAutoRead(true);
            send(ctx, request, text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy"), true);
        }
    }

    /** The snapshot response of {@code channel}; blocking (a JPEG encode). */
    private FullHttpResponse render(int channel, HttpVersion version) {
        try {
            return snapshots.jpeg(channel).map(jpeg -> {
                FullHttpResponse ok = new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.wrappedBuffer(jpeg));
                ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg");
                ok.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
                return ok;
            }).orElseGet(() -> text(HttpResponseStatus.NOT_FOUND, "no channel " + channel));
        } catch (RuntimeException e) {
            log.warn("snapshot of channel {} failed", channel, e);
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "snapshot failed");
        }
    }

    /**
     * A 401 to an address that keeps failing, after {@code delay} from the event loop's scheduler: the
     * connection reads nothing meanwhile and later requests wait, as behind a snapshot.
     */
    private void sendLater(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response, Duration delay) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        rendering = true;
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> {
            write(ctx, response, keepAlive, head);
            rendered(ctx);
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static InetAddress peer(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : InetAddress.getLoopbackAddress();
    }

    private boolean serves(int channel) {
        return channel >= GrandstreamChannel.MIN && channel <= GrandstreamChannel.MAX
                && model.serves(GrandstreamChannel.of(channel));
    }

    private static String single(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private void methodNotAllowed(ChannelHandlerContext ctx, FullHttpRequest request, String allow) {
        FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " not allowed here");
        r.headers().set(HttpHeaderNames.ALLOW, allow);
        send(ctx, request, r, true);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response, boolean keepAliveAllowed) {
        write(ctx, response, keepAliveAllowed && HttpUtil.isKeepAlive(request), request.method().equals(HttpMethod.HEAD));
    }

    /** Writes {@code response}; for HEAD ({@code headOnly}) the length of the body it would have had, no body. */
    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean headOnly) {
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        FullHttpResponse out = headOnly ? response.replace(Unpooled.EMPTY_BUFFER) : response;
        if (out != response) {
            response.release();
        }
        out.headers().set(HttpHeaderNames.SERVER, "GrandStream");
        if (keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        } else {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("HTTP connection {}: {}: closing it", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
