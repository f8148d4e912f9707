package io.gscam.server.rtsp;

import io.gscam.net.RtspFrameDecoder;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.CSeq;
import io.gscam.protocol.rtsp.RtspMessage;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.limits.LoggedUri;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspHeader;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.TrackTransport;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP connection: checks each request (CSeq, method, credentials) and dispatches it, as the
 * spec's camera answers OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER and
 * SET_PARAMETER; takes RTCP receiver reports interleaved on the odd channels. Strict where input is
 * invalid (DESIGN.md, Limits and defenses): a version other than RTSP/1.0 gets 505, a CSeq that is
 * missing, repeated or no number 400, a control character in the URI or a header 400, a {@code $} frame or a response on a connection without a
 * session closes it; an address that keeps failing to log in gets its 401s delayed. DESCRIBE, SETUP and PLAY
 * have their own classes; what a URL names is the {@link io.gscam.server.stream.StreamProvider}'s
 * decision. Runs on the connection's event loop.
 */
public final class RtspConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspConnectionHandler.class);
    /** The methods the server answers, for Public and Allow. */
    public static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final List<RtspMethod> NOT_ALLOWED = List.of(RtspMethod.ANNOUNCE, RtspMethod.RECORD, RtspMethod.REDIRECT);
    /** Requests pipelined behind a delayed 401 that wait their turn; more closes the connection. */
    static final int MAX_HELD = 64;

    private final RtspServices services;
    private Replies replies;
    private ConnectionSessions sessions;
    private DescribeHandler describe;
    private SetupHandler setup;
    private PlayHandler play;
    private ChannelHandlerContext ctx;
    /** Requests that arrived while a 401 was being delayed: answered in order once it has gone out. */
    private final ArrayDeque<RtspRequest> held = new ArrayDeque<>();
    private boolean delaying;

    public RtspConnectionHandler(RtspServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        replies = new Replies(ctx);
        sessions = new ConnectionSessions(services, ctx, replies);
        StreamOpener opener = new StreamOpener(services, ctx, replies);
        describe = new DescribeHandler(replies, opener);
        setup = new SetupHandler(services, ctx, replies, sessions, opener);
        play = new PlayHandler(services, replies, sessions);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof RtspRequest request) {
                if (!delaying) {
                    handle(request);
                } else if (held.size() < MAX_HELD) {
                    held.add(request);
                } else {
                    ctx.close(); // a flood of requests behind a delayed 401
                }
            } else if (msg instanceof InterleavedFrame frame) {
                interleaved(ctx, frame);
            } else if (msg instanceof RtspFrameDecoder.Malformed bad) {
                services.badInput().event(peer(), "malformed request(s), connection closed",
                        LoggedUri.of(bad.error().getMessage()));
                RtspResponse r = RtspResponse.builder(RtspStatus.BAD_REQUEST)
                        .header(RtspHeaderNames.SERVER, ServerHeader.PLAIN)
                        .header(RtspHeaderNames.CONNECTION, "close").build();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(r.toBytes())).addListener(ChannelFutureListener.CLOSE);
            } else {
                // A response: the server asks nothing, so it is garbage, as gortsplib has it (ErrServerUnexpectedResponse).
                services.badInput().event(peer(), "unexpected message(s), connection closed", msg.getClass().getSimpleName());
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        services.sessions().connectionClosed(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: connection error, closing: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /**
     * RTCP from the client on an interleaved channel refreshes the session it belongs to; a frame on
     * another channel is dropped; a frame on a connection without a session closes it (gortsplib's
     * ErrServerUnexpectedFrame): nothing but garbage comes before SETUP.
     */
    private void interleaved(ChannelHandlerContext ctx, InterleavedFrame frame) {
        List<RtspSession> live = sessions.live();
        if (live.isEmpty()) {
            services.badInput().event(peer(), "interleaved frame(s) without a session, connection closed",
                    "channel " + frame.channel() + ", " + frame.payload().length + " bytes");
            ctx.close();
            return;
        }
        for (RtspSession s : live) {
            for (TrackTransport t : s.tracks().values()) {
                if (t instanceof TrackTransport.Interleaved i && i.rtcpChannel() == frame.channel()) {
                    services.sessions().touch(s);
                    return;
                }
            }
        }
        log.debug("{}: dropped interleaved frame on channel {} of no session", ctx.channel().remoteAddress(), frame.channel());
    }

    private void handle(RtspRequest request) {
        if (!RtspMessage.RTSP_1_0.equals(request.version())) {
            replies.respond(request, Replies.reply(RtspStatus.RTSP_VERSION_NOT_SUPPORTED));
            return;
        }
        if (hasControlCharacters(request)) {
            replies.respond(request, Replies.reply(RtspStatus.BAD_REQUEST));
            return;
        }
        List<String> cseq = request.headers().getAll(RtspHeaderNames.CSEQ);
        if (cseq.size() != 1 || !isCseq(cseq.get(0))) { // one, and a number (gortsplib: ErrServerCSeqMissing)
            replies.respond(request, Replies.reply(RtspStatus.BAD_REQUEST));
            return;
        }
        RtspMethod method = request.method();
        sessions.sessionOf(request).ifPresent(services.sessions()::touch);
        if (method.equals(RtspMethod.OPTIONS)) {
            replies.respond(request, Replies.reply(RtspStatus.OK).header(RtspHeaderNames.PUBLIC, PUBLIC));
            return;
        }
        if (NOT_ALLOWED.contains(method)) {
            replies.respond(request, Replies.reply(RtspStatus.METHOD_NOT_ALLOWED).header(RtspHeaderNames.ALLOW, PUBLIC));
            return;
        }
        boolean known = method.equals(RtspMethod.DESCRIBE) || method.equals(RtspMethod.SETUP)
                || method.equals(RtspMethod.PLAY) || method.equals(RtspMethod.PAUSE)
                || method.equals(RtspMethod.TEARDOWN) || method.equals(RtspMethod.GET_PARAMETER)
                || method.equals(RtspMethod.SET_PARAMETER);
        if (!known) {
            replies.respond(request, Replies.reply(RtspStatus.NOT_IMPLEMENTED).header(RtspHeaderNames.PUBLIC, PUBLIC));
            return;
        }
        RequestAuthenticator.Verdict verdict = services.authenticator().check(request);
        if (!verdict.passed()) {
            RtspResponse.Builder r = Replies.reply(RtspStatus.UNAUTHORIZED);
            for (String c : verdict.challenges()) {
                r.addHeader("WWW-Authenticate", c);
            }
            Duration delay = verdict.failed() ? services.authFailures().failed(peer(),
                    method + " " + LoggedUri.of(request.uri()) + " (" + verdict.reason() + ")") : Duration.ZERO;
            if (delay.isZero()) {
                replies.respond(request, r);
            } else {
                respondLater(request, r, delay);
            }
            return;
        }
        switch (method.name()) {
            case "DESCRIBE" -> withUrl(request).ifPresent(url -> describe.describe(request, url));
            case "SETUP" -> withUrl(request).ifPresent(url -> setup.setup(request, url));
            case "PLAY" -> play.play(request);
            case "PAUSE" -> pause(request);
            case "TEARDOWN" -> teardown(request);
            case "GET_PARAMETER", "SET_PARAMETER" -> parameter(request);
            default -> throw new IllegalStateException("unreachable: " + method);
        }
    }

    /** The stream the request URL names, or empty after answering 404. */
    private Optional<StreamUrl> withUrl(RtspRequest request) {
        try {
            return Optional.of(StreamUrl.parse(request.uri()));
        } catch (ParseException e) {
            log.debug("{}: {}", LoggedUri.of(request.uri()), LoggedUri.of(e.getMessage()));
            replies.respond(request, Replies.reply(RtspStatus.NOT_FOUND));
            return Optional.empty();
        }
    }

    /** A non-negative decimal CSeq (RFC 2326 12.17); {@code abc} or {@code -1} is a bad request. */
    private static boolean isCseq(String value) {
        try {
            CSeq.parse(value);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    /**
     * A NUL or another control character in the URI or a header value (RFC 2326 15.1: TEXT excludes
     * CTLs), or a URI that is not ASCII (RFC 2396: anything else is percent-encoded).
     */
    private static boolean hasControlCharacters(RtspRequest request) {
        String uri = request.uri();
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) > 0x7e) {
                return true;
            }
        }
        if (hasControl(uri)) {
            return true;
        }
        for (RtspHeader h : request.headers()) {
            if (hasControl(h.name()) || hasControl(h.value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The peer's address, for the per-address limits. */
    private InetAddress peer() {
        SocketAddress a = ctx.channel().remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress() : InetAddress.getLoopbackAddress();
    }

    /**
     * Sends a 401 after {@code delay} from the event loop's scheduler, reading nothing more from the
     * connection meanwhile; requests already decoded wait in {@link #held} so answers keep their order.
     */
    private void respondLater(RtspRequest request, RtspResponse.Builder response, Duration delay) {
        delaying = true;
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> {
            delaying = false;
            if (!ctx.channel().isActive()) {
                held.clear();
                return;
            }
            replies.respond(request, response);
            ctx.channel().config().setAutoRead(true);
            while (!delaying && !held.isEmpty()) {
                handle(held.poll());
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void pause(RtspRequest request) {
        RtspSession session = sessions.require(request);
        if (session == null) {
            return;
        }
        if (!session.pause()) {
            replies.respond(request, Replies.reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        replies.respond(request, Replies.reply(RtspStatus.OK).header(RtspHeaderNames.SESSION, sessions.header(session)));
    }

    private void teardown(RtspRequest request) {
        RtspSession session = sessions.require(request);
        if (session == null) {
            return;
        }
        services.sessions().close(session, CloseReason.TEARDOWN);
        replies.respond(request, Replies.reply(RtspStatus.OK));
    }

    /** GET_PARAMETER and SET_PARAMETER: keep-alives. The server has no settable parameters. */
    private void parameter(RtspRequest request) {
        if (ConnectionSessions.sessionIdOf(request).isPresent() && sessions.require(request) == null) {
            return;
        }
        boolean set = request.method().equals(RtspMethod.SET_PARAMETER);
        replies.respond(request, Replies.reply(!set || request.bodyLength() == 0
                ? RtspStatus.OK : RtspStatus.PARAMETER_NOT_UNDERSTOOD));
    }
}
