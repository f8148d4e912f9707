package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.SessionHeader;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionListener;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.session.TrackTransport;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamPath;
import io.netty.channel.ChannelHandlerContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions one RTSP connection made, each with the stream it holds since its first SETUP. A
 * session answers only on the connection that made it (DESIGN.md, Limits): a Session header naming
 * another connection's session is answered 454 here. Touched on the connection's event loop only.
 */
final class ConnectionSessions {
    /** A session and the hold on its stream, released when the session closes. */
    record Served(RtspSession session, ServedStream stream) {
    }

    private final RtspServices services;
    private final ChannelHandlerContext ctx;
    private final Replies replies;
    private final Map<String, Served> sessions = new HashMap<>();

    ConnectionSessions(RtspServices services, ChannelHandlerContext ctx, Replies replies) {
        this.services = services;
        this.ctx = ctx;
        this.replies = replies;
    }

    /** The id the request's Session header names, if any. */
    static Optional<String> sessionIdOf(RtspRequest request) {
        return request.headers().get(RtspHeaderNames.SESSION).map(v -> {
            try {
                return SessionHeader.parse(v).id();
            } catch (ParseException e) {
                return v.trim();
            }
        });
    }

    /** The session of this connection that the request names, live or not. */
    Optional<RtspSession> sessionOf(RtspRequest request) {
        return sessionIdOf(request).map(sessions::get).map(Served::session);
    }

    /** The session of this connection with {@code id}, or null. */
    Served get(String id) {
        return sessions.get(id);
    }

    /** The request's live session, or null after answering 454. */
    RtspSession require(RtspRequest request) {
        RtspSession s = sessionOf(request).orElse(null);
        if (s == null || !s.isLive()) {
            replies.respond(request, Replies.reply(RtspStatus.SESSION_NOT_FOUND));
            return null;
        }
        return s;
    }

    /** The stream a session of this connection holds, or null. */
    ServedStream streamOf(RtspSession session) {
        Served s = sessions.get(session.id());
        return s == null ? null : s.stream();
    }

    /** The live sessions of this connection. */
    List<RtspSession> live() {
        List<RtspSession> live = new ArrayList<>();
        for (Served s : sessions.values()) {
            if (s.session().isLive()) {
                live.add(s.session());
            }
        }
        return live;
    }

    /** The Session header of a response: id and timeout. */
    String header(RtspSession session) {
        return SessionHeader.of(session.id(), (int) services.sessions().timeout().toSeconds()).format();
    }

    /**
     * A new session on this connection for {@code path}, holding {@code stream} until it closes.
     */
    RtspSession create(StreamPath path, ServedStream stream) {
        SessionRegistry registry = services.sessions();
        RtspSession session = registry.create(path, ctx.channel());
        session.onClose(stream::close);
        sessions.put(session.id(), new Served(session, stream));
        registry.addListener(new SessionListener() {
            @Override
            public void sessionClosed(RtspSession s, CloseReason reason) {
                if (s == session) {
                    registry.removeListener(this);
                    forget(s);
                }
            }
        });
        return session;
    }

    private void forget(RtspSession session) {
        for (TrackTransport t : session.tracks().values()) {
            if (t instanceof TrackTransport.Udp u) {
                services.udpClients().remove(u.clientRtcp(), session);
            }
        }
        if (ctx.executor().inEventLoop()) {
            sessions.remove(session.id());
        } else {
            ctx.executor().execute(() -> sessions.remove(session.id()));
        }
    }
}
