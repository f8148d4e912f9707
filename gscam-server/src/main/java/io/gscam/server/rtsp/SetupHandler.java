package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionState;
import io.gscam.server.session.TrackTransport;
import io.gscam.server.stream.ServedStream;
import io.netty.channel.ChannelHandlerContext;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * SETUP: checks the session (454 unknown, 459 another stream, 455 while playing, 400 for a track it
 * already set up, 400 for a new session beside an interleaved one on the same connection) and the Transport header (461), opens the stream through the provider, picks the track ({@code trackID=n}, or the
 * only one), agrees a transport, and creates the session on its first SETUP; the session then holds
 * the stream until it closes.
 */
final class SetupHandler {
    private final RtspServices services;
    private final ChannelHandlerContext ctx;
    private final Replies replies;
    private final ConnectionSessions sessions;
    private final StreamOpener opener;

    SetupHandler(RtspServices services, ChannelHandlerContext ctx, Replies replies, ConnectionSessions sessions,
                 StreamOpener opener) {
        this.services = services;
        this.ctx = ctx;
        this.replies = replies;
        this.sessions = sessions;
        this.opener = opener;
    }

    void setup(RtspRequest request, StreamUrl url) {
        Optional<String> sessionId = ConnectionSessions.sessionIdOf(request);
        RtspSession existing = null;
        if (sessionId.isPresent()) {
            ConnectionSessions.Served served = sessions.get(sessionId.get());
            existing = served == null ? null : served.session();
            if (existing == null || !existing.isLive()) {
                replies.respond(request, Replies.reply(RtspStatus.SESSION_NOT_FOUND));
                return;
            }
            if (!existing.path().equals(url.path())) {
                replies.respond(request, Replies.reply(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED));
                return;
            }
            if (existing.state() == SessionState.PLAYING) {
                replies.respond(request, Replies.reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE)
                        .header(RtspHeaderNames.ALLOW, "PLAY, PAUSE, TEARDOWN, GET_PARAMETER"));
                return;
            }
        }
        if (existing == null && sessions.live().stream().anyMatch(RtspSession::usesInterleaved)) {
            // Interleaved channels belong to the connection's session: a second one would share them
            // (gortsplib: ErrServerLinkedToOtherSession).
            replies.respond(request, Replies.reply(RtspStatus.BAD_REQUEST));
            return;
        }
        TransportHeader transport;
        try {
            transport = TransportHeader.parse(request.headers().get(RtspHeaderNames.TRANSPORT)
                    .orElseThrow(() -> new ParseException("no Transport header", 0)));
        } catch (ParseException e) {
            replies.respond(request, Replies.reply(RtspStatus.UNSUPPORTED_TRANSPORT));
            return;
        }
        RtspSession joined = existing;
        opener.withStream(request, url.path(), stream -> setUp(stream, url, transport, joined));
    }

    /** On the event loop, with the stream open: the rest of SETUP. Closes the stream unless a new session keeps it. */
    private RtspResponse.Builder setUp(ServedStream stream, StreamUrl url, TransportHeader transport,
                                       RtspSession joined) {
        int trackCount = stream.tracks().size();
        int track;
        if (url.track().isPresent()) {
            track = url.track().getAsInt();
            if (track >= trackCount) {
                stream.close();
                return Replies.reply(RtspStatus.NOT_FOUND);
            }
        } else if (trackCount == 1) {
            track = 0;
        } else {
            stream.close();
            return Replies.reply(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED);
        }
        if (joined != null && joined.tracks().containsKey(track)) {
            // gortsplib's answer (ErrServerMediaAlreadySetup): a track is set up once per session.
            stream.close();
            return Replies.reply(RtspStatus.BAD_REQUEST);
        }
        TransportNegotiation.Chosen chosen = TransportNegotiation.choose(transport, track, joined,
                (InetSocketAddress) ctx.channel().remoteAddress(),
                new PortRange(services.udp().rtpPort(), services.udp().rtcpPort()));
        if (chosen == null) {
            stream.close();
            return Replies.reply(RtspStatus.UNSUPPORTED_TRANSPORT);
        }
        long ssrc = stream.tracks().get(track).ssrc();
        RtspSession session = joined;
        if (session == null) {
            if (!ctx.channel().isActive()) {
                stream.close();
                return null;
            }
            session = sessions.create(url.path(), stream);
        } else {
            stream.close(); // the session holds its own since its first SETUP
        }
        if (!session.setUp(track, chosen.transport())) {
            return Replies.reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE);
        }
        if (chosen.transport() instanceof TrackTransport.Udp udp) {
            services.udpClients().put(udp.clientRtcp(), session);
        }
        return Replies.reply(RtspStatus.OK)
                .header(RtspHeaderNames.SESSION, sessions.header(session))
                .header(RtspHeaderNames.TRANSPORT, chosen.spec().toBuilder().ssrc(ssrc).build().format());
    }
}
