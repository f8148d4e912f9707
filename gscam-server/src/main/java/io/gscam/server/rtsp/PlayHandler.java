package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.RangeHeader;
import io.gscam.protocol.header.RtpInfoHeader;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionState;
import io.gscam.server.session.TrackTransport;
import io.gscam.server.stream.RtpTrackState;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamReader;
import io.gscam.server.transport.InterleavedOutlet;
import io.gscam.server.transport.PacketOutlet;
import io.gscam.server.transport.UdpOutlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PLAY (only from READY or PLAYING, else 455; a Range that does not parse 457): answers with Range and RTP-Info, then attaches a
 * {@link StreamReader} for the session's tracks to the stream's fan-out, with its outlet (the RTSP
 * connection or the UDP pair) and sender reports. The answer goes out before the reader is attached,
 * so it precedes the first packet. PAUSE and TEARDOWN detach it through the session.
 */
final class PlayHandler {
    private static final Logger log = LoggerFactory.getLogger(PlayHandler.class);

    private final RtspServices services;
    private final Replies replies;
    private final ConnectionSessions sessions;

    PlayHandler(RtspServices services, Replies replies, ConnectionSessions sessions) {
        this.services = services;
        this.replies = replies;
        this.sessions = sessions;
    }

    void play(RtspRequest request) {
        RtspSession session = sessions.require(request);
        if (session == null) {
            return;
        }
        SessionState state = session.state();
        if (state != SessionState.READY && state != SessionState.PLAYING) {
            replies.respond(request, Replies.reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        Optional<String> range = request.headers().get(RtspHeaderNames.RANGE);
        if (range.isPresent() && !parses(range.get())) {
            replies.respond(request, Replies.reply(RtspStatus.INVALID_RANGE));
            return;
        }
        ServedStream stream = sessions.streamOf(session);
        if (stream == null) {
            replies.respond(request, Replies.reply(RtspStatus.INTERNAL_SERVER_ERROR));
            return;
        }
        String base = replies.contentBase(request, session.path());
        Map<Integer, TrackTransport> tracks = session.tracks();
        long now = stream.packets().nanoClock().getAsLong();
        List<RtpInfoHeader.Entry> rtpInfo = new ArrayList<>();
        for (int index : tracks.keySet()) {
            RtpTrackState t = stream.tracks().get(index);
            rtpInfo.add(RtpInfoHeader.Entry.of(base + "trackID=" + index, t.nextSequence(), t.rtpTimeAt(now)));
        }
        RtspResponse.Builder ok = Replies.reply(RtspStatus.OK)
                .header(RtspHeaderNames.SESSION, sessions.header(session))
                .header(RtspHeaderNames.RANGE, "npt=0.000-")
                .header(RtspHeaderNames.RTP_INFO, new RtpInfoHeader(rtpInfo).format());
        replies.respond(request, ok);
        if (state == SessionState.PLAYING) {
            return;
        }
        boolean[] wanted = new boolean[stream.tracks().size()];
        tracks.keySet().forEach(i -> wanted[i] = true);
        StreamReader reader = new StreamReader(session.id(), outletFor(session, tracks), wanted,
                stream.packets().videoTrack(), services.config().readerBufferBytes(), services.readerTotals());
        stream.packets().addReader(reader);
        Runnable stopReports = services.senderReports().apply(stream, reader);
        if (!session.play(() -> {
            stopReports.run();
            stream.packets().removeReader(reader);
            session.traffic().add(reader.packetsSent(), reader.keyframeSkips(), reader.droppedPackets());
        })) {
            log.debug("session {} closed while starting to play", session.id());
        }
    }

    /** A live stream plays from now whatever the Range asks, but one that does not parse is refused (457). */
    private static boolean parses(String range) {
        try {
            RangeHeader.parse(range);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    private PacketOutlet outletFor(RtspSession session, Map<Integer, TrackTransport> tracks) {
        if (session.usesInterleaved()) {
            Map<Integer, TrackTransport.Interleaved> m = new HashMap<>();
            tracks.forEach((k, v) -> m.put(k, (TrackTransport.Interleaved) v));
            return new InterleavedOutlet(session.connection(), m);
        }
        Map<Integer, TrackTransport.Udp> m = new HashMap<>();
        tracks.forEach((k, v) -> m.put(k, (TrackTransport.Udp) v));
        return new UdpOutlet(services.udp(), m);
    }
}
