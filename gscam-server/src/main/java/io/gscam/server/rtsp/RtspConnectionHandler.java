package io.gscam.server.rtsp;

import io.gscam.net.RtspFrameDecoder;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtsp.InterleavedFrame;
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

import java.util.List;
import java.util.Optional;

/**
 * One RTSP connection: checks each request (CSeq, method, credentials) and dispatches it, as the
 * spec's camera answers OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER and
 * SET_PARAMETER; takes RTCP receiver reports interleaved on the odd channels. DESCRIBE, SETUP and PLAY
 * have their own classes; what a URL names is the {@link io.gscam.server.stream.StreamProvider}'s
 * decision. Runs on the connection's event loop.
 */
public final class RtspConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspConnectionHandler.class);
    /** The methods the server answers, for Public and Allow. */
    public static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final List<RtspMethod> NOT_ALLOWED = List.of(RtspMethod.ANNOUNCE, RtspMethod.RECORD, RtspMethod.REDIRECT);

    private final RtspServices services;
    private Replies replies;
    private ConnectionSessions sessions;
    private DescribeHandler describe;
    private SetupHandler setup;
    private PlayHandler play;

    public RtspConnectionHandler(RtspServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
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
                handle(request);
            } else if (msg instanceof InterleavedFrame frame) {
                interleaved(ctx, frame);
            } else if (msg instanceof RtspFrameDecoder.Malformed bad) {
                log.info("{}: malformed RTSP, closing: {}", ctx.channel().remoteAddress(), bad.error().getMessage());
                RtspResponse r = RtspResponse.builder(RtspStatus.BAD_REQUEST)
                        .header(RtspHeaderNames.SERVER, ServerHeader.PLAIN)
                        .header(RtspHeaderNames.CONNECTION, "close").build();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(r.toBytes())).addListener(ChannelFutureListener.CLOSE);
            } else {
                // A response from a client, or anything else: not for a server.
                log.debug("{}: ignored {}", ctx.channel().remoteAddress(), msg.getClass().getSimpleName());
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

    /** RTCP from the client on an interleaved channel refreshes the session it belongs to; anything else is dropped. */
    private void interleaved(ChannelHandlerContext ctx, InterleavedFrame frame) {
        for (RtspSession s : sessions.live()) {
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
        if (request.headers().get(RtspHeaderNames.CSEQ).isEmpty()) {
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
        List<String> challenge = services.authenticator().challenge(request);
        if (!challenge.isEmpty()) {
            RtspResponse.Builder r = Replies.reply(RtspStatus.UNAUTHORIZED);
            for (String c : challenge) {
                r.addHeader("WWW-Authenticate", c);
            }
            replies.respond(request, r);
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
            log.debug("{}: {}", request.uri(), e.getMessage());
            replies.respond(request, Replies.reply(RtspStatus.NOT_FOUND));
            return Optional.empty();
        }
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
