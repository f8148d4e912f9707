package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraUrl;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.Errors;
import io.gscam.client.internal.mctp.MctpClientConnection;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.client.internal.rtp.ReorderBuffer;
import io.gscam.client.internal.rtp.RtcpReceiver;
import io.gscam.client.internal.rtsp.RtspClientConnection;
import io.gscam.client.internal.udp.UdpPortPair;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.SessionHeader;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.protocol.mctp.MctpMessage;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.sdp.ControlUrl;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.SessionDescription;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP session with the camera, from connect to TEARDOWN: OPTIONS, DESCRIBE (answering a 401 once
 * with Digest or Basic), SETUP of each wanted track the registry can read, PLAY, then keep-alives,
 * RTCP receiver reports, the media watchdog and the Grandstream heartbeat/alarm connections. It
 * never reconnects: it reports the loss to its {@link Owner}, which decides. Confined to one event
 * loop; every callback runs there.
 */
final class RtspPlayback implements Playback {
    private static final Logger log = LoggerFactory.getLogger(RtspPlayback.class);
    /** RFC 2326 section 12.37: without a timeout parameter a session lives 60 s. */
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);
    static final Duration TICK = Duration.ofMillis(200);
    /** UDP reordering: how many packets and how long a gap is waited for. */
    static final int REORDER_CAPACITY = 64;
    static final Duration REORDER_DELAY = Duration.ofMillis(150);


    private final ClientRuntime runtime;
    private final EventLoop loop;
    private final CameraOptions options;
    private final CameraUrl url;
    private final Transport transport;
    private final Owner owner;
    private final long ownSsrc;

    private PlaybackState state = PlaybackState.INIT;
    private RtspClientConnection connection;
    private Authenticator authenticator;
    private boolean publicGetParameter;
    private String sessionId;
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private String server = "";
    private String baseUrl;
    private String aggregateUrl;
    private final List<TrackInfo> described = new ArrayList<>();
    private final List<MediaFormat> formats = new ArrayList<>();
    private final List<MediaTrack> tracks = new ArrayList<>();
    private final Map<Integer, MediaTrack> rtpChannels = new HashMap<>();
    private final Map<Integer, MediaTrack> rtcpChannels = new HashMap<>();
    private final Map<MediaTrack, UdpPortPair> udpPorts = new HashMap<>();
    private final Map<MediaTrack, InetSocketAddress> serverRtcp = new HashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** Where UDP media may come from: the RTSP peer, and each SETUP answer's source. */
    private InetAddress cameraAddress;
    private final Set<InetAddress> udpSources = new HashSet<>();
    private long foreignDatagrams;
    private MctpClientConnection heartbeat;
    private MctpClientConnection alarms;
    private long playingSinceNanos;
    private PeriodicReports reports;

    RtspPlayback(ClientRuntime runtime, EventLoop loop, CameraOptions options, Transport transport, Owner owner) {
        this.runtime = runtime;
        this.loop = loop;
        this.options = options;
        this.url = options.url();
        this.transport = transport;
        this.owner = owner;
        this.ownSsrc = new SecureRandom().nextInt() & 0xFFFFFFFFL;
    }

    PlaybackState state() {
        return state;
    }

    @Override
    public List<MediaTrack> tracks() {
        return tracks;
    }

    Transport transport() {
        return transport;
    }

    /** Runs the handshake; completes with the stream info once PLAY was answered 200. */
    @Override
    public CompletableFuture<StreamInfo> start() {
        check(PlaybackState.INIT);
        state = PlaybackState.CONNECTING;
        return RtspClientConnection.connect(runtime, loop, url.host(), url.port(), options.connectTimeout(),
                        new RtspClientConnection.Handler() {
                            @Override
                            public void onInterleaved(InterleavedFrame frame) {
                                onInterleavedFrame(frame);
                            }

                            @Override
                            public void onClosed(CameraException cause) {
                                lost(cause);
                            }
                        })
                .thenCompose(c -> {
                    if (state == PlaybackState.CLOSED) { // closed while connecting: close() did not see this connection
                        c.close();
                        return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, "closed while connecting"));
                    }
                    connection = c;
                    cameraAddress = c.remoteAddress();
                    return options();
                })
                .thenCompose(r -> describe())
                .thenCompose(r -> setUpTracks(0))
                .thenCompose(r -> play())
                .thenCompose(r -> startExtras())
                .thenApply(r -> playing())
                .whenComplete((info, error) -> {
                    if (error != null && state != PlaybackState.CLOSED) {
                        close(false);
                    }
                });
    }

    private CompletableFuture<RtspResponse> options() {
        state = PlaybackState.OPTIONS;
        return request(RtspMethod.OPTIONS, url.requestUrl(), Map.of()).thenApply(r -> {
            // Some cameras answer OPTIONS with 401 or 404 though DESCRIBE works: only DESCRIBE decides.
            r.header(RtspHeaderNames.PUBLIC).ifPresent(p -> publicGetParameter = p.toUpperCase(Locale.ROOT).contains("GET_PARAMETER"));
            return r;
        });
    }

    private CompletableFuture<RtspResponse> describe() {
        state = PlaybackState.DESCRIBE;
        return request(RtspMethod.DESCRIBE, url.requestUrl(), Map.of("Accept", "application/sdp")).thenApply(r -> {
            requireSuccess(r, RtspMethod.DESCRIBE);
            server = r.header(RtspHeaderNames.SERVER).orElse("").trim();
            baseUrl = ControlUrl.base(r.header(RtspHeaderNames.CONTENT_BASE).orElse(null),
                    r.header(RtspHeaderNames.CONTENT_LOCATION).orElse(null), url.requestUrl());
            SessionDescription sdp;
            try {
                sdp = SessionDescription.parse(new String(r.body(), StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw fail(new CameraException(Kind.PROTOCOL, "DESCRIBE: unreadable SDP: " + e.getMessage(), e));
            }
            aggregateUrl = ControlUrl.resolve(baseUrl, sdp.control().orElse(null));
            describeTracks(sdp);
            return r;
        });
    }

    private void describeTracks(SessionDescription sdp) {
        Optional<io.gscam.protocol.grandstream.StreamInfo> serverInfo = Optional.empty();
        try {
            serverInfo = ServerHeader.parseStreamInfo(server);
        } catch (ParseException e) {
            log.debug("unreadable Server header stream info: {}", e.getMessage());
        }
        for (MediaDescription md : sdp.media()) {
            int index = described.size();
            Optional<DescribedTrack> track = DescribedTrack.of(md, index, ControlUrl.resolve(baseUrl, md.control().orElse(null)),
                    serverInfo, options, runtime.payloadFormats());
            if (track.isEmpty()) {
                continue;
            }
            described.add(track.get().info());
            formats.add(track.get().format());
            if (track.get().wantedButUnreadable(options)) {
                log.info("track {} ({} {}): no payload format reads it, not set up", index, md.media(), track.get().info().codec());
            }
        }
        boolean wantsMedia = options.video() || options.audio();
        if (wantsMedia && described.stream().noneMatch(TrackInfo::setUp)) {
            throw fail(new CameraException(Kind.NO_TRACKS, "no track to play: the camera offers "
                    + described.stream().map(t -> t.kind().name().toLowerCase(Locale.ROOT) + " " + t.codec()).toList()));
        }
    }

    private CompletableFuture<Void> setUpTracks(int from) {
        for (int i = from; i < described.size(); i++) {
            TrackInfo info = described.get(i);
            if (info.setUp()) {
                int next = i + 1;
                return setUp(info).thenCompose(v -> setUpTracks(next));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> setUp(TrackInfo info) {
        state = PlaybackState.SETUP;
        MediaFormat format = formats.get(info.index());
        PayloadFormat payloadFormat = runtime.payloadFormats().find(format).orElseThrow();
        ReorderBuffer reorder = transport == Transport.UDP
                ? new ReorderBuffer(REORDER_CAPACITY, REORDER_DELAY) : ReorderBuffer.inOrder();
        MediaTrack track = new MediaTrack(info, format, payloadFormat, reorder,
                new RtcpReceiver(ownSsrc, "gscam@" + url.host(), info.clockRate()), runtime.clock(), owner);
        if (transport == Transport.TCP) {
            int rtp = tracks.size() * 2;
            return sendSetup(track, TransportSpec.tcpInterleaved(new ChannelPair(rtp, rtp + 1))).thenAccept(spec -> {
                ChannelPair channels = spec.interleaved().orElse(new ChannelPair(rtp, rtp + 1));
                rtpChannels.put(channels.rtp(), track);
                rtcpChannels.put(channels.rtcp(), track);
                tracks.add(track);
            });
        }
        return UdpPortPair.bind(runtime, loop, options.udpPortFirst(), options.udpPortLast(),
                        (data, sender) -> {
                            if (fromCamera(sender)) {
                                track.onRtp(data, 0, data.length, nanoTime());
                            }
                        },
                        (data, sender) -> {
                            if (fromCamera(sender)) {
                                onRtcp(track, data, 0, data.length);
                            }
                        })
                .thenCompose(ports -> {
                    if (state == PlaybackState.CLOSED) { // closed while binding: close() did not see these ports
                        ports.close();
                        return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, "SETUP: session closed"));
                    }
                    udpPorts.put(track, ports);
                    tracks.add(track);
                    return sendSetup(track, TransportSpec.udpUnicast(new PortRange(ports.rtpPort(), ports.rtcpPort())));
                })
                .thenAccept(spec -> {
                    // An address literal only: resolving a name here would block the event loop.
                    InetAddress source = spec.source().map(NetUtil::createInetAddressFromIpAddressString).orElse(null);
                    if (source != null) {
                        udpSources.add(source);
                    }
                    InetAddress rtcpHost = source != null ? source : cameraAddress;
                    if (rtcpHost != null) {
                        spec.serverPort().ifPresent(p -> serverRtcp.put(track, new InetSocketAddress(rtcpHost, p.rtcp())));
                    }
                });
    }

    /**
     * Whether a datagram on the client ports comes from the camera: the RTSP peer's address or the
     * Transport {@code source}. Any port is accepted (cameras behind NAT send from others), as
     * gortsplib does; other hosts cannot inject packets into the stream.
     */
    private boolean fromCamera(InetSocketAddress sender) {
        InetAddress from = sender.getAddress();
        if (from == null || from.equals(cameraAddress) || udpSources.contains(from)) {
            return true;
        }
        foreignDatagrams++;
        if (foreignDatagrams == 1) {
            log.info("UDP datagram from {}, not the camera {}: ignored (and any more)", from.getHostAddress(),
                    cameraAddress == null ? url.host() : cameraAddress.getHostAddress());
        }
        return false;
    }

    private CompletableFuture<TransportSpec> sendSetup(MediaTrack track, TransportSpec offer) {
        Map<String, String> headers = new HashMap<>();
        headers.put(RtspHeaderNames.TRANSPORT, TransportHeader.of(offer).format());
        return request(RtspMethod.SETUP, track.info().controlUrl(), headers).thenApply(r -> {
            requireSuccess(r, RtspMethod.SETUP);
            Optional<String> session = r.header(RtspHeaderNames.SESSION);
            if (session.isPresent()) {
                try {
                    SessionHeader h = SessionHeader.parse(session.get());
                    if (sessionId != null && !sessionId.equals(h.id())) {
                        log.debug("SETUP answered another session id; keeping the first");
                    } else {
                        sessionId = h.id();
                    }
                    h.timeoutSeconds().ifPresent(t -> sessionTimeout = Duration.ofSeconds(Math.max(1, t)));
                } catch (ParseException e) {
                    throw fail(new CameraException(Kind.PROTOCOL, "SETUP: unreadable Session header: " + e.getMessage(), e));
                }
            } else if (sessionId == null) {
                throw fail(new CameraException(Kind.PROTOCOL, "SETUP: answer without Session header"));
            }
            TransportSpec answer = offer;
            Optional<String> t = r.header(RtspHeaderNames.TRANSPORT);
            if (t.isPresent()) {
                try {
                    answer = TransportHeader.parse(t.get()).first();
                } catch (ParseException e) {
                    throw fail(new CameraException(Kind.PROTOCOL, "SETUP: unreadable Transport header: " + e.getMessage(), e));
                }
            }
            if (answer.lowerTransport() != offer.lowerTransport()) {
                throw fail(new CameraException(Kind.PROTOCOL, "SETUP: the camera answered " + answer.format()
                        + " to " + offer.format()));
            }
            return answer;
        });
    }

    private CompletableFuture<RtspResponse> play() {
        if (tracks.isEmpty()) {
            return CompletableFuture.completedFuture(null); // alarms only: nothing to play
        }
        state = PlaybackState.PLAY;
        return request(RtspMethod.PLAY, aggregateUrl, Map.of(RtspHeaderNames.RANGE, "npt=0.000-")).thenApply(r -> {
            requireSuccess(r, RtspMethod.PLAY);
            return r;
        });
    }

    private CompletableFuture<Void> startExtras() {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        int channel = url.channel().orElse(0);
        if (options.heartbeat() && sessionId != null) {
            if (sessionId.matches("[0-9A-Za-z]{8}")) {
                done = done.thenCompose(v -> openMctp(sessionId, channel)).thenAccept(c -> heartbeat = keepUnlessClosed(c));
            } else {
                log.info("heartbeat skipped: session id '{}' is not the 8 characters MCTP registers", sessionId);
            }
        }
        if (options.alarmChannel().isPresent()) {
            int alarmChannel = options.alarmChannel().getAsInt();
            done = done.thenCompose(v -> openMctp(MctpMessage.ALARM_SESSION_ID, alarmChannel)).thenAccept(c -> alarms = keepUnlessClosed(c));
        }
        return done;
    }

    /** A connection registered after {@link #close} ran would keep its keep-alives going forever: close it. */
    private MctpClientConnection keepUnlessClosed(MctpClientConnection c) {
        if (state == PlaybackState.CLOSED) {
            c.close();
            return null;
        }
        return c;
    }

    private CompletableFuture<MctpClientConnection> openMctp(String id, int channel) {
        return MctpClientConnection.open(runtime, loop, url.host(), url.port(), id, channel, options.heartbeatInterval(),
                options.connectTimeout(), options.responseTimeout(), new MctpClientConnection.Handler() {
                    @Override
                    public void onAlarm(MctpMessage.Alarm alarm, String rawText) {
                        owner.onAlarm(alarm, rawText);
                    }

                    @Override
                    public void onLost(CameraException cause) {
                        lost(cause);
                    }
                });
    }

    private StreamInfo playing() {
        if (state == PlaybackState.CLOSED) {
            throw fail(new CameraException(Kind.CONNECTION_LOST, "closed while starting"));
        }
        state = PlaybackState.PLAYING;
        playingSinceNanos = nanoTime();
        reports = new PeriodicReports(playingSinceNanos, this::sendReceiverReports);
        if (sessionId != null) {
            long keepAlive = Math.max(1000, sessionTimeout.toMillis() / 2);
            timers.add(loop.scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS));
        }
        timers.add(loop.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS));
        return streamInfo();
    }

    StreamInfo streamInfo() {
        List<TrackInfo> infos = new ArrayList<>(described);
        for (MediaTrack t : tracks) {
            infos.set(t.info().index(), t.info());
        }
        return new StreamInfo(url.requestUrl(), server, sessionId == null ? "" : sessionId, sessionTimeout, transport, infos);
    }

    private void keepAlive() {
        if (state != PlaybackState.PLAYING) {
            return;
        }
        RtspMethod method = publicGetParameter ? RtspMethod.GET_PARAMETER : RtspMethod.OPTIONS;
        request(method, method == RtspMethod.OPTIONS ? url.requestUrl() : aggregateUrl, Map.of()).whenComplete((r, e) -> {
            if (e != null) {
                lost(Errors.connectionFailure(e, "keep-alive"));
            } else if (r.statusCode() == 454) {
                lost(statusError(r, method));
            }
            // Other refusals of a keep-alive (405, 501) do not end a session that plays.
        });
    }

    private void tick() {
        if (state != PlaybackState.PLAYING) {
            return;
        }
        long now = nanoTime();
        long newest = 0;
        for (MediaTrack t : tracks) {
            t.tick(now);
            newest = Math.max(newest, t.lastPacketNanos());
        }
        if (!tracks.isEmpty()) {
            long silentSince = newest == 0 ? playingSinceNanos : newest;
            Duration limit = newest == 0 && transport == Transport.UDP && options.transport() == Transport.AUTO
                    ? options.udpFallbackTimeout() : options.mediaTimeout();
            if (now - silentSince >= limit.toNanos()) {
                lost(new CameraException(Kind.NO_MEDIA, "no media for " + Errors.seconds(limit)
                        + (newest == 0 ? " over " + transport : "")));
                return;
            }
        }
        reports.tick(now, tracks, owner);
    }

    private void sendReceiverReports(long now) {
        for (MediaTrack t : tracks) {
            Optional<byte[]> report = t.rtcp().report(now);
            if (report.isEmpty()) {
                continue;
            }
            if (transport == Transport.TCP) {
                rtcpChannels.entrySet().stream().filter(e -> e.getValue() == t).findFirst()
                        .ifPresent(e -> connection.write(new InterleavedFrame(e.getKey(), report.get()).toBytes()));
            } else {
                InetSocketAddress to = serverRtcp.get(t);
                UdpPortPair ports = udpPorts.get(t);
                if (to != null && ports != null) {
                    ports.sendRtcp(report.get(), to);
                }
            }
        }
    }

    private void onInterleavedFrame(InterleavedFrame frame) {
        MediaTrack rtp = rtpChannels.get(frame.channel());
        if (rtp != null) {
            byte[] payload = frame.payload();
            rtp.onRtp(payload, 0, payload.length, nanoTime());
            return;
        }
        MediaTrack rtcp = rtcpChannels.get(frame.channel());
        if (rtcp != null) {
            byte[] payload = frame.payload();
            onRtcp(rtcp, payload, 0, payload.length);
        }
    }

    private void onRtcp(MediaTrack track, byte[] data, int offset, int length) {
        try {
            track.rtcp().onRtcp(data, offset, length, nanoTime());
        } catch (ParseException e) {
            log.debug("track {}: unreadable RTCP: {}", track.info().index(), e.getMessage());
        }
    }

    /** Sends a request with the session's standard headers, answering one 401 with the credentials. */
    private CompletableFuture<RtspResponse> request(RtspMethod method, String uri, Map<String, String> extra) {
        return send(method, uri, extra).thenCompose(r -> {
            if (r.statusCode() != 401) {
                return CompletableFuture.completedFuture(r);
            }
            if (authenticator != null && !isStale(r)) {
                throw fail(new CameraException(Kind.UNAUTHORIZED, "401 Unauthorized", 401, null));
            }
            authenticator = authenticatorFor(r);
            return send(method, uri, extra).thenApply(again -> {
                if (again.statusCode() == 401) {
                    throw fail(new CameraException(Kind.UNAUTHORIZED, "401 Unauthorized", 401, null));
                }
                return again;
            });
        });
    }

    private CompletableFuture<RtspResponse> send(RtspMethod method, String uri, Map<String, String> extra) {
        if (connection == null || state == PlaybackState.CLOSED) {
            return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, method + ": session closed"));
        }
        RtspRequest.Builder b = RtspRequest.builder(method, uri).header(RtspHeaderNames.USER_AGENT, options.userAgent());
        extra.forEach(b::header);
        if (sessionId != null && !method.equals(RtspMethod.OPTIONS) || sessionId != null && state == PlaybackState.PLAYING) {
            b.header(RtspHeaderNames.SESSION, sessionId);
        }
        if (authenticator != null) {
            b.header(RtspHeaderNames.AUTHORIZATION, authenticator.authorize(method.name(), uri));
        }
        return connection.send(b.build(), options.responseTimeout());
    }

    private Authenticator authenticatorFor(RtspResponse r) {
        if (url.user().isEmpty()) {
            throw fail(new CameraException(Kind.UNAUTHORIZED, "401 Unauthorized (the URL has no user:password@)", 401, null));
        }
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parseAll(r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE));
        } catch (ParseException e) {
            throw fail(new CameraException(Kind.PROTOCOL, "401 with an unreadable WWW-Authenticate: " + e.getMessage(), e));
        }
        return Authenticator.forChallenges(new Credentials(url.user().get(), url.password().orElse("")), challenges,
                        Authenticator.randomCnonces(new SecureRandom()))
                .orElseThrow(() -> fail(new CameraException(Kind.UNAUTHORIZED,
                        "401 Unauthorized (no challenge gscam can answer)", 401, null)));
    }

    private static boolean isStale(RtspResponse r) {
        return r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).replace(" ", "").contains("stale=true"));
    }

    private void requireSuccess(RtspResponse r, RtspMethod method) {
        if (!r.isSuccess()) {
            throw fail(statusError(r, method));
        }
    }

    static CameraException statusError(RtspResponse r, RtspMethod method) {
        String line = r.statusCode() + (r.reason().isEmpty() ? "" : " " + r.reason());
        Kind kind = switch (r.statusCode()) {
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            case 454 -> Kind.SESSION_NOT_FOUND;
            default -> Kind.STATUS;
        };
        String message = switch (r.statusCode()) {
            case 401 -> "401 Unauthorized";
            case 404 -> "404 Not Found";
            case 454 -> "454 Session Not Found";
            default -> line;
        };
        return new CameraException(kind, message + " (" + method + ")", r.statusCode(), null);
    }

    /** Wraps an error so it can leave a CompletableFuture stage as itself. */
    private static java.util.concurrent.CompletionException fail(CameraException e) {
        return new java.util.concurrent.CompletionException(e);
    }

    private void lost(CameraException cause) {
        if (state == PlaybackState.CLOSED || state == PlaybackState.TEARDOWN) {
            return;
        }
        boolean wasPlaying = state == PlaybackState.PLAYING;
        // Media silence or a lost heartbeat leave the RTSP connection up: free the camera's session
        // (a UDP one would otherwise linger until its timeout) before the owner falls back or retries.
        close(cause.kind() == Kind.NO_MEDIA || cause.kind() == Kind.HEARTBEAT_LOST);
        if (wasPlaying) {
            owner.onPlaybackLost(this, cause);
        }
    }

    /** Ends the session: TEARDOWN when {@code teardown} and a session exists, then closes every connection. */
    @Override
    public void close(boolean teardown) {
        if (state == PlaybackState.CLOSED) {
            return;
        }
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (alarms != null) {
            alarms.close();
        }
        udpPorts.values().forEach(UdpPortPair::close);
        RtspClientConnection c = connection;
        if (teardown && sessionId != null && c != null && c.isOpen()) {
            state = PlaybackState.TEARDOWN;
            send(RtspMethod.TEARDOWN, aggregateUrl, Map.of()).whenComplete((r, e) -> c.close());
            loop.schedule(c::close, 1, TimeUnit.SECONDS);
        } else if (c != null) {
            c.close();
        }
        state = PlaybackState.CLOSED;
    }

    private long nanoTime() {
        return runtime.nanoTime();
    }

    private void check(PlaybackState expected) {
        if (state != expected) {
            throw new IllegalStateException("playback is " + state + ", not " + expected);
        }
    }

    OptionalInt channel() {
        return url.channel();
    }
}
