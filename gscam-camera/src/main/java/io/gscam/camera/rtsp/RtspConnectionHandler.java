package io.gscam.camera.rtsp;

import io.gscam.camera.session.CloseReason;
import io.gscam.camera.session.RtspSession;
import io.gscam.camera.session.SessionState;
import io.gscam.camera.session.TrackTransport;
import io.gscam.camera.stream.InterleavedOutlet;
import io.gscam.camera.stream.LiveStream;
import io.gscam.camera.stream.LiveStreams;
import io.gscam.camera.stream.PacketOutlet;
import io.gscam.camera.stream.StreamReader;
import io.gscam.camera.stream.UdpOutlet;
import io.gscam.camera.source.TrackInfo;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.grandstream.StreamInfo;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.RtpInfoHeader;
import io.gscam.protocol.header.SessionHeader;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * One RTSP connection of the camera: answers OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN,
 * GET_PARAMETER and SET_PARAMETER as the spec's camera does, and takes RTCP receiver reports
 * interleaved on the odd channels. Runs on the connection's event loop; work that may block (starting
 * a channel's media source) runs on the blocking executor while reading is paused, so requests are
 * still answered in order.
 */
public final class RtspConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspConnectionHandler.class);
    static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final List<RtspMethod> NOT_ALLOWED = List.of(RtspMethod.ANNOUNCE, RtspMethod.RECORD, RtspMethod.REDIRECT);

    private final RtspServices services;
    /** Sessions created on this connection, by id; they may be played only from here. */
    private final Map<String, RtspSession> sessions = new HashMap<>();
    private ChannelHandlerContext ctx;

    public RtspConnectionHandler(RtspServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof RtspRequest request) {
                handle(request);
            } else if (msg instanceof InterleavedFrame frame) {
                interleaved(frame);
            } else if (msg instanceof RtspFrameDecoder.Malformed bad) {
                log.info("{}: malformed RTSP, closing: {}", ctx.channel().remoteAddress(), bad.error().getMessage());
                RtspResponse r = RtspResponse.builder(RtspStatus.BAD_REQUEST)
                        .header(RtspHeaderNames.SERVER, ServerHeader.PLAIN)
                        .header(RtspHeaderNames.CONNECTION, "close").build();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(r.toBytes())).addListener(ChannelFutureListener.CLOSE);
            } else {
                // A response from a client, or anything else: not for a camera.
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
    private void interleaved(InterleavedFrame frame) {
        for (RtspSession s : sessions.values()) {
            if (!s.isLive()) {
                continue;
            }
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
        Optional<String> cseq = request.headers().get(RtspHeaderNames.CSEQ);
        if (cseq.isEmpty()) {
            respond(request, reply(RtspStatus.BAD_REQUEST));
            return;
        }
        RtspMethod method = request.method();
        sessionOf(request).ifPresent(services.sessions()::touch);
        if (method.equals(RtspMethod.OPTIONS)) {
            respond(request, reply(RtspStatus.OK).header(RtspHeaderNames.PUBLIC, PUBLIC));
            return;
        }
        if (NOT_ALLOWED.contains(method)) {
            respond(request, reply(RtspStatus.METHOD_NOT_ALLOWED).header(RtspHeaderNames.ALLOW, PUBLIC));
            return;
        }
        boolean known = method.equals(RtspMethod.DESCRIBE) || method.equals(RtspMethod.SETUP)
                || method.equals(RtspMethod.PLAY) || method.equals(RtspMethod.PAUSE)
                || method.equals(RtspMethod.TEARDOWN) || method.equals(RtspMethod.GET_PARAMETER)
                || method.equals(RtspMethod.SET_PARAMETER);
        if (!known) {
            respond(request, reply(RtspStatus.NOT_IMPLEMENTED).header(RtspHeaderNames.PUBLIC, PUBLIC));
            return;
        }
        List<String> challenge = services.authenticator().challenge(request);
        if (!challenge.isEmpty()) {
            RtspResponse.Builder r = reply(RtspStatus.UNAUTHORIZED);
            for (String c : challenge) {
                r.addHeader("WWW-Authenticate", c);
            }
            respond(request, r);
            return;
        }
        switch (method.name()) {
            case "DESCRIBE" -> describe(request);
            case "SETUP" -> setup(request);
            case "PLAY" -> play(request);
            case "PAUSE" -> pause(request);
            case "TEARDOWN" -> teardown(request);
            case "GET_PARAMETER" -> getParameter(request);
            case "SET_PARAMETER" -> setParameter(request);
            default -> throw new IllegalStateException("unreachable: " + method);
        }
    }

    // ---- DESCRIBE

    private void describe(RtspRequest request) {
        StreamUrl url = streamUrl(request);
        if (url == null) {
            return;
        }
        int channel = url.channel().number();
        withStream(request, channel, lease -> {
            LiveStream stream = lease.stream();
            String base = contentBase(request, channel);
            byte[] sdp = StreamSdp.describe(stream, localAddress(), services.config().fuaSize())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            lease.close();
            return RtspResponse.builder(RtspStatus.OK)
                    .header(RtspHeaderNames.SERVER, serverHeaderOf(stream))
                    .header(RtspHeaderNames.CONTENT_BASE, base)
                    .body("application/sdp", sdp);
        });
    }

    private static String serverHeaderOf(LiveStream stream) {
        for (LiveStream.Track t : stream.tracks()) {
            TrackInfo info = t.info();
            if (info.frameRate() != null) {
                return ServerHeader.format(new StreamInfo(info.width(), info.height(),
                        info.frameRate().rounded(), info.bitrateKbps()));
            }
        }
        return ServerHeader.PLAIN;
    }

    // ---- SETUP

    private void setup(RtspRequest request) {
        StreamUrl url = streamUrl(request);
        if (url == null) {
            return;
        }
        int channel = url.channel().number();
        Optional<String> sessionId = sessionIdOf(request);
        RtspSession existing = null;
        if (sessionId.isPresent()) {
            existing = sessions.get(sessionId.get());
            if (existing == null || !existing.isLive()) {
                respond(request, reply(RtspStatus.SESSION_NOT_FOUND));
                return;
            }
            if (existing.channel() != channel) {
                respond(request, reply(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED));
                return;
            }
            if (existing.state() == SessionState.PLAYING) {
                respond(request, reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE).header(RtspHeaderNames.ALLOW, "PLAY, PAUSE, TEARDOWN, GET_PARAMETER"));
                return;
            }
        }
        Optional<String> transportValue = request.headers().get(RtspHeaderNames.TRANSPORT);
        TransportHeader transport;
        try {
            transport = TransportHeader.parse(transportValue.orElseThrow(() -> new ParseException("no Transport header", 0)));
        } catch (ParseException e) {
            respond(request, reply(RtspStatus.UNSUPPORTED_TRANSPORT));
            return;
        }
        RtspSession joined = existing;
        withStream(request, channel, lease -> {
            LiveStream stream = lease.stream();
            int trackCount = stream.tracks().size();
            int track;
            if (url.track().isPresent()) {
                track = url.track().getAsInt();
                if (track >= trackCount) {
                    lease.close();
                    return reply(RtspStatus.NOT_FOUND);
                }
            } else if (trackCount == 1) {
                track = 0;
            } else {
                lease.close();
                return reply(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED);
            }
            boolean sessionUsesTcp = joined != null && joined.usesInterleaved();
            boolean sessionUsesUdp = joined != null && !joined.tracks().isEmpty() && !sessionUsesTcp;
            Chosen chosen = choose(transport, track, joined, sessionUsesTcp, sessionUsesUdp);
            if (chosen == null) {
                lease.close();
                return reply(RtspStatus.UNSUPPORTED_TRANSPORT);
            }
            RtspSession session = joined;
            if (session == null) {
                if (!ctx.channel().isActive()) {
                    lease.close();
                    return null;
                }
                session = services.sessions().create(channel, ctx.channel());
                session.onClose(lease::close);
                sessions.put(session.id(), session);
                RtspSession created = session;
                services.sessions().addListener(new io.gscam.camera.session.SessionListener() {
                    @Override
                    public void sessionClosed(RtspSession s, CloseReason reason) {
                        if (s == created) {
                            services.sessions().removeListener(this);
                            forget(s);
                        }
                    }
                });
            } else {
                lease.close(); // the session holds its own lease since its first SETUP
            }
            if (!session.setUp(track, chosen.transport())) {
                return reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE);
            }
            if (chosen.transport() instanceof TrackTransport.Udp udp) {
                services.udpClients().put(udp.clientRtcp(), session);
            }
            String spec = chosen.spec().toBuilder().ssrc(stream.track(track).ssrc()).build().format();
            return reply(RtspStatus.OK)
                    .header(RtspHeaderNames.SESSION, sessionHeader(session))
                    .header(RtspHeaderNames.TRANSPORT, spec);
        });
    }

    private record Chosen(TrackTransport transport, TransportSpec spec) {
    }

    /** The first transport alternative the camera supports, as the agreed Transport, or null (461). */
    private Chosen choose(TransportHeader header, int track, RtspSession session, boolean tcpOnly, boolean udpOnly) {
        for (TransportSpec spec : header.specs()) {
            if (!"RTP".equalsIgnoreCase(spec.protocol()) || !"AVP".equalsIgnoreCase(spec.profile()) || spec.isMulticast()) {
                continue;
            }
            if (spec.lowerTransport() == TransportSpec.LowerTransport.TCP && !udpOnly) {
                ChannelPair pair = spec.interleaved().orElse(new ChannelPair(2 * track, 2 * track + 1));
                if (session != null && channelTaken(session, track, pair)) {
                    continue;
                }
                return new Chosen(new TrackTransport.Interleaved(pair.rtp(), pair.rtcp()),
                        TransportSpec.builder().protocol("RTP", "AVP").lowerTransport(TransportSpec.LowerTransport.TCP)
                                .delivery(TransportSpec.Delivery.UNICAST).interleaved(pair).build());
            }
            if (spec.lowerTransport() == TransportSpec.LowerTransport.UDP && !tcpOnly && spec.clientPort().isPresent()) {
                PortRange client = spec.clientPort().get();
                InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
                String destination = spec.destination().orElse(null);
                if (destination != null && !destination.equals(peer.getAddress().getHostAddress())) {
                    continue; // sending elsewhere than the requester would make the camera a traffic reflector
                }
                TrackTransport.Udp udp = new TrackTransport.Udp(new InetSocketAddress(peer.getAddress(), client.rtp()),
                        new InetSocketAddress(peer.getAddress(), client.rtcp()));
                return new Chosen(udp, TransportSpec.builder().protocol("RTP", "AVP")
                        .delivery(TransportSpec.Delivery.UNICAST).clientPort(client)
                        .serverPort(new PortRange(services.udp().rtpPort(), services.udp().rtcpPort())).build());
            }
        }
        return null;
    }

    private static boolean channelTaken(RtspSession session, int track, ChannelPair pair) {
        for (Map.Entry<Integer, TrackTransport> e : session.tracks().entrySet()) {
            if (e.getKey() != track && e.getValue() instanceof TrackTransport.Interleaved i
                    && (i.rtpChannel() == pair.rtp() || i.rtcpChannel() == pair.rtp()
                    || i.rtpChannel() == pair.rtcp() || i.rtcpChannel() == pair.rtcp())) {
                return true;
            }
        }
        return false;
    }

    // ---- PLAY, PAUSE, TEARDOWN

    private void play(RtspRequest request) {
        RtspSession session = requireSession(request);
        if (session == null) {
            return;
        }
        SessionState state = session.state();
        if (state != SessionState.READY && state != SessionState.PLAYING) {
            respond(request, reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        // The session's lease keeps the stream running; look it up without starting anything.
        LiveStream stream = runningStream(session.channel());
        if (stream == null) {
            respond(request, reply(RtspStatus.INTERNAL_SERVER_ERROR));
            return;
        }
        String base = contentBase(request, session.channel());
        Map<Integer, TrackTransport> tracks = session.tracks();
        long now = stream.nanoClock().getAsLong();
        List<RtpInfoHeader.Entry> rtpInfo = new ArrayList<>();
        for (int index : tracks.keySet()) {
            LiveStream.Track t = stream.track(index);
            rtpInfo.add(RtpInfoHeader.Entry.of(base + "trackID=" + index, t.nextSequence(), t.rtpTimeAt(now)));
        }
        RtspResponse.Builder ok = reply(RtspStatus.OK)
                .header(RtspHeaderNames.SESSION, sessionHeader(session))
                .header(RtspHeaderNames.RANGE, "npt=0.000-")
                .header(RtspHeaderNames.RTP_INFO, new RtpInfoHeader(rtpInfo).format());
        if (state == SessionState.PLAYING) {
            respond(request, ok);
            return;
        }
        // The response goes out before the reader is added, so it precedes the first packet.
        respond(request, ok);
        boolean[] wanted = new boolean[stream.tracks().size()];
        tracks.keySet().forEach(i -> wanted[i] = true);
        PacketOutlet outlet = outletFor(session, tracks);
        StreamReader reader = new StreamReader(session.id(), outlet, wanted, stream.videoTrack(),
                services.config().readerBufferBytes(), services.readerTotals());
        stream.addReader(reader);
        Runnable stopReports = services.senderReports().apply(stream, reader);
        if (!session.play(() -> {
            stopReports.run();
            stream.removeReader(reader);
            session.traffic().add(reader.packetsSent(), reader.keyframeSkips(), reader.droppedPackets());
        })) {
            log.debug("session {} closed while starting to play", session.id());
        }
    }

    private LiveStream runningStream(int channel) {
        for (LiveStream s : services.streams().running()) {
            if (s.channel() == channel) {
                return s;
            }
        }
        return null;
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

    private void pause(RtspRequest request) {
        RtspSession session = requireSession(request);
        if (session == null) {
            return;
        }
        if (!session.pause()) {
            respond(request, reply(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        respond(request, reply(RtspStatus.OK).header(RtspHeaderNames.SESSION, sessionHeader(session)));
    }

    private void teardown(RtspRequest request) {
        RtspSession session = requireSession(request);
        if (session == null) {
            return;
        }
        services.sessions().close(session, CloseReason.TEARDOWN);
        respond(request, reply(RtspStatus.OK));
    }

    private void getParameter(RtspRequest request) {
        if (sessionIdOf(request).isPresent() && requireSession(request) == null) {
            return;
        }
        respond(request, reply(RtspStatus.OK));
    }

    private void setParameter(RtspRequest request) {
        if (sessionIdOf(request).isPresent() && requireSession(request) == null) {
            return;
        }
        // The camera has no settable parameters: an empty SET_PARAMETER is a keep-alive.
        respond(request, reply(request.bodyLength() == 0 ? RtspStatus.OK : RtspStatus.PARAMETER_NOT_UNDERSTOOD));
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

    // ---- helpers

    /** Work that needs the channel's stream: acquired off the event loop, answered on it. */
    private interface StreamWork {
        /** The response, or null to send none. Must close the lease unless it hands it on. */
        RtspResponse.Builder apply(LiveStreams.Lease lease);
    }

    private void withStream(RtspRequest request, int channel, StreamWork work) {
        ctx.channel().config().setAutoRead(false);
        try {
            services.blockingExecutor().execute(() -> {
                LiveStreams.Lease lease;
                try {
                    lease = services.streams().acquire(channel);
                } catch (IOException | RuntimeException e) {
                    log.error("channel {}: cannot start its media source", channel, e);
                    ctx.executor().execute(() -> {
                        respond(request, reply(RtspStatus.INTERNAL_SERVER_ERROR));
                        ctx.channel().config().setAutoRead(true);
                    });
                    return;
                }
                try {
                    ctx.executor().execute(() -> {
                        try {
                            RtspResponse.Builder r = work.apply(lease);
                            if (r != null) {
                                respond(request, r);
                            }
                        } catch (RuntimeException e) {
                            lease.close();
                            log.error("{} failed", request.method(), e);
                            respond(request, reply(RtspStatus.INTERNAL_SERVER_ERROR));
                        } finally {
                            ctx.channel().config().setAutoRead(true);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    lease.close();
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.channel().config().setAutoRead(true);
            respond(request, reply(RtspStatus.SERVICE_UNAVAILABLE));
        }
    }

    private StreamUrl streamUrl(RtspRequest request) {
        try {
            StreamUrl url = StreamUrl.parse(request.uri());
            if (services.config().model().serves(url.channel())) {
                return url;
            }
        } catch (ParseException e) {
            log.debug("{}: {}", request.uri(), e.getMessage());
        }
        respond(request, reply(RtspStatus.NOT_FOUND));
        return null;
    }

    private static Optional<String> sessionIdOf(RtspRequest request) {
        return request.headers().get(RtspHeaderNames.SESSION).map(v -> {
            try {
                return SessionHeader.parse(v).id();
            } catch (ParseException e) {
                return v.trim();
            }
        });
    }

    private Optional<RtspSession> sessionOf(RtspRequest request) {
        return sessionIdOf(request).map(sessions::get);
    }

    /** The request's session, or null after answering 454. */
    private RtspSession requireSession(RtspRequest request) {
        RtspSession s = sessionOf(request).orElse(null);
        if (s == null || !s.isLive()) {
            respond(request, reply(RtspStatus.SESSION_NOT_FOUND));
            return null;
        }
        return s;
    }

    private String sessionHeader(RtspSession session) {
        return SessionHeader.of(session.id(), (int) services.sessions().timeout().toSeconds()).format();
    }

    private InetSocketAddress localAddress() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }

    /** {@code rtsp://host:port/N/}: the host the client used (from an absolute URL), else our address. */
    private String contentBase(RtspRequest request, int channel) {
        String uri = request.uri();
        String authority;
        int scheme = uri.indexOf("://");
        if (scheme >= 0) {
            int slash = uri.indexOf('/', scheme + 3);
            authority = uri.substring(scheme + 3, slash < 0 ? uri.length() : slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
        } else {
            InetSocketAddress local = localAddress();
            authority = local.getAddress().getHostAddress() + ":" + local.getPort();
        }
        return "rtsp://" + authority + "/" + channel + "/";
    }

    private static RtspResponse.Builder reply(RtspStatus status) {
        return RtspResponse.builder(status).header(RtspHeaderNames.SERVER, ServerHeader.PLAIN);
    }

    private void respond(RtspRequest request, RtspResponse.Builder response) {
        request.headers().get(RtspHeaderNames.CSEQ).ifPresent(c -> response.header(RtspHeaderNames.CSEQ, c));
        RtspResponse r = response.build();
        // CSeq first, as every RTSP implementation writes it.
        RtspResponse ordered = reorderCseq(r);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ordered.toBytes()));
    }

    private static RtspResponse reorderCseq(RtspResponse r) {
        Optional<String> cseq = r.headers().get(RtspHeaderNames.CSEQ);
        if (cseq.isEmpty()) {
            return r;
        }
        RtspResponse.Builder b = RtspResponse.builder(r.status()).body(r.body());
        b.header(RtspHeaderNames.CSEQ, cseq.get());
        r.headers().forEach(h -> {
            if (!h.hasName(RtspHeaderNames.CSEQ)) {
                b.addHeader(h.name(), h.value());
            }
        });
        return b.build();
    }
}
