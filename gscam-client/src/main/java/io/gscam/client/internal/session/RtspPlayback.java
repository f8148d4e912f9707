package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraUrl;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.mctp.MctpClientConnection;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.client.internal.rtp.ReorderBuffer;
import io.gscam.client.internal.rtp.RtcpReceiver;
import io.gscam.client.internal.rtsp.RtspClientConnection;
import io.gscam.client.internal.udp.TrackUdpPorts;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.protocol.mctp.MctpMessage;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.gscam.client.internal.session.RtspStatus.fail;

/**
 * One RTSP session with the camera, from connect to TEARDOWN: OPTIONS, DESCRIBE, SETUP of each wanted
 * track the registry can read, PLAY, then keep-alives, until lost or closed. It runs the handshake
 * and hands each job to its part, as media3's {@code RtspClient} does: requests with the 401 retry
 * and the Session header to {@link RtspMessageSender}, SETUP answers to {@link SetupNegotiation},
 * media (routing, source filter, watchdog, receiver reports) to the {@link MediaPlane}, keep-alives
 * to the {@link KeepAliveMonitor}, MCTP to the {@link HeartbeatLink}. It never reconnects: it reports
 * the loss to its {@link Owner}, which decides. Confined to one event loop; every callback runs there.
 */
final class RtspPlayback implements Playback {
    private static final Logger log = LoggerFactory.getLogger(RtspPlayback.class);

    private final ClientRuntime runtime;
    private final EventLoop loop;
    private final CameraOptions options;
    private final CameraUrl url;
    private final Transport transport;
    private final Owner owner;
    private final long ownSsrc;
    private final RtspMessageSender sender;
    private final MediaPlane media;
    private final UdpSourceFilter sources;
    private final HeartbeatLink mctp;

    private PlaybackState state = PlaybackState.INIT;
    private RtspClientConnection connection;
    private boolean publicGetParameter;
    private SetupNegotiation session = SetupNegotiation.initial();
    private String server = "";
    private String baseUrl;
    private String aggregateUrl;
    private final List<TrackInfo> described = new ArrayList<>();
    private final List<MediaFormat> formats = new ArrayList<>();
    private ScheduledFuture<?> keepAliveTimer;

    RtspPlayback(ClientRuntime runtime, EventLoop loop, CameraOptions options, Transport transport, Owner owner) {
        this.runtime = runtime;
        this.loop = loop;
        this.options = options;
        this.url = options.url();
        this.transport = transport;
        this.owner = owner;
        SecureRandom random = new SecureRandom();
        this.ownSsrc = random.nextInt() & 0xFFFFFFFFL;
        this.sender = new RtspMessageSender(url, options.userAgent(), options.responseTimeout(), random);
        this.sources = new UdpSourceFilter(url.host());
        Duration firstPacket = transport == Transport.UDP && options.transport() == Transport.AUTO
                ? options.udpFallbackTimeout() : options.mediaTimeout();
        this.media = new MediaPlane(owner, runtime::nanoTime,
                new MediaWatchdog(options.mediaTimeout(), firstPacket, () -> " over " + transport), this::lost);
        this.mctp = new HeartbeatLink(runtime, loop, options, new MctpClientConnection.Handler() {
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

    PlaybackState state() {
        return state;
    }

    @Override
    public List<MediaTrack> tracks() {
        return media.tracks();
    }

    Transport transport() {
        return transport;
    }

    /** Runs the handshake; completes with the stream info once PLAY was answered 200. */
    @Override
    public CompletableFuture<StreamInfo> start() {
        if (state != PlaybackState.INIT) {
            throw new IllegalStateException("playback is " + state + ", not " + PlaybackState.INIT);
        }
        state = PlaybackState.CONNECTING;
        return RtspClientConnection.connect(runtime, loop, url.host(), url.port(), options.connectTimeout(),
                        new RtspClientConnection.Handler() {
                            @Override
                            public void onInterleaved(int channel, byte[] data, int offset, int length) {
                                media.onInterleaved(channel, data, offset, length);
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
                    sender.connected(c::send);
                    sources.camera(c.remoteAddress());
                    return options();
                })
                .thenCompose(r -> describe())
                .thenCompose(r -> setUpTracks(0))
                .thenCompose(r -> play())
                .thenCompose(r -> mctp.openRequired(server, session.sessionId()))
                .thenApply(r -> playing())
                .whenComplete((info, error) -> {
                    if (error != null && state != PlaybackState.CLOSED) {
                        close(false);
                    }
                });
    }

    private CompletableFuture<RtspResponse> options() {
        state = PlaybackState.OPTIONS;
        return sender.request(RtspMethod.OPTIONS, url.requestUrl(), Map.of()).thenApply(r -> {
            // Some cameras answer OPTIONS with 401 or 404 though DESCRIBE works: only DESCRIBE decides.
            r.header(RtspHeaderNames.PUBLIC).ifPresent(p -> publicGetParameter = p.toUpperCase(Locale.ROOT).contains("GET_PARAMETER"));
            return r;
        });
    }

    private CompletableFuture<RtspResponse> describe() {
        state = PlaybackState.DESCRIBE;
        return sender.request(RtspMethod.DESCRIBE, url.requestUrl(), Map.of("Accept", "application/sdp")).thenApply(r -> {
            RtspStatus.requireSuccess(r, RtspMethod.DESCRIBE);
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
                ? new ReorderBuffer(MediaPlane.REORDER_CAPACITY, MediaPlane.REORDER_DELAY) : ReorderBuffer.inOrder();
        MediaTrack track = new MediaTrack(info, format, payloadFormat, reorder,
                new RtcpReceiver(ownSsrc, "gscam@" + url.host(), info.clockRate()), runtime.clock(), owner);
        if (transport == Transport.TCP) {
            int rtp = media.tracks().size() * 2;
            return sendSetup(track, TransportSpec.tcpInterleaved(new ChannelPair(rtp, rtp + 1))).thenAccept(spec ->
                    media.addInterleaved(track, spec.interleaved().orElse(new ChannelPair(rtp, rtp + 1)), connection::write));
        }
        return TrackUdpPorts.bind(runtime, loop, options.udpPortFirst(), options.udpPortLast(),
                        (data, from) -> {
                            if (sources.accepts(from)) {
                                media.onRtp(track, data);
                            }
                        },
                        (data, from) -> {
                            if (sources.accepts(from)) {
                                media.onRtcp(track, data);
                            }
                        })
                .thenCompose(ports -> {
                    if (state == PlaybackState.CLOSED) { // closed while binding: close() did not see these ports
                        ports.close();
                        return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, "SETUP: session closed"));
                    }
                    media.addUdp(track, ports);
                    return sendSetup(track, TransportSpec.udpUnicast(new PortRange(ports.rtpPort(), ports.rtcpPort())));
                })
                .thenAccept(spec -> {
                    // An address literal only: resolving a name here would block the event loop.
                    InetAddress source = spec.source().map(NetUtil::createInetAddressFromIpAddressString).orElse(null);
                    if (source != null) {
                        sources.addSource(source);
                    }
                    InetAddress rtcpHost = source != null ? source : sources.camera();
                    if (rtcpHost != null) {
                        spec.serverPort().ifPresent(p -> media.rtcpDestination(track, new InetSocketAddress(rtcpHost, p.rtcp())));
                    }
                });
    }

    private CompletableFuture<TransportSpec> sendSetup(MediaTrack track, TransportSpec offer) {
        return sender.request(RtspMethod.SETUP, track.info().controlUrl(),
                Map.of(RtspHeaderNames.TRANSPORT, TransportHeader.of(offer).format())).thenApply(r -> {
                    SetupNegotiation.Outcome outcome = session.answer(r, offer);
                    session = outcome.session();
                    sender.session(session.sessionId());
                    return outcome.transport();
                });
    }

    private CompletableFuture<RtspResponse> play() {
        if (media.tracks().isEmpty()) {
            return CompletableFuture.completedFuture(null); // alarms only: nothing to play
        }
        state = PlaybackState.PLAY;
        return sender.request(RtspMethod.PLAY, aggregateUrl, Map.of(RtspHeaderNames.RANGE, "npt=0.000-")).thenApply(r -> {
            RtspStatus.requireSuccess(r, RtspMethod.PLAY);
            return r;
        });
    }

    private StreamInfo playing() {
        if (state == PlaybackState.CLOSED) {
            throw fail(new CameraException(Kind.CONNECTION_LOST, "closed while starting"));
        }
        state = PlaybackState.PLAYING;
        sender.playing();
        if (session.sessionId() != null) {
            KeepAliveMonitor keepAlive = new KeepAliveMonitor(sender::request, publicGetParameter, url.requestUrl(),
                    aggregateUrl, this::lost);
            long period = KeepAliveMonitor.period(session.timeout()).toMillis();
            keepAliveTimer = loop.scheduleAtFixedRate(() -> {
                if (state == PlaybackState.PLAYING) {
                    keepAlive.sendKeepAlive();
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }
        media.startTicking(loop);
        mctp.openOptional(server, session.sessionId()).ifPresent(registered -> registered.thenAccept(status -> {
            if (state == PlaybackState.PLAYING) {
                owner.onHeartbeat(this, status);
            }
        }));
        return streamInfo();
    }

    StreamInfo streamInfo() {
        List<TrackInfo> infos = new ArrayList<>(described);
        for (MediaTrack t : media.tracks()) {
            infos.set(t.info().index(), t.info());
        }
        String id = session.sessionId();
        return new StreamInfo(url.requestUrl(), server, id == null ? "" : id, session.timeout(), transport, infos,
                mctp.status());
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
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
        }
        media.close();
        mctp.close();
        RtspClientConnection c = connection;
        if (teardown && session.sessionId() != null && c != null && c.isOpen()) {
            state = PlaybackState.TEARDOWN;
            sender.send(RtspMethod.TEARDOWN, aggregateUrl, Map.of()).whenComplete((r, e) -> c.close());
            loop.schedule(c::close, 1, TimeUnit.SECONDS);
        } else if (c != null) {
            c.close();
        }
        sender.close();
        state = PlaybackState.CLOSED;
    }

    OptionalInt channel() {
        return url.channel();
    }
}
