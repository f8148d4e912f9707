package io.gscam.camera;

import io.gscam.camera.http.CameraApi;
import io.gscam.camera.rtsp.AccountAuthenticator;
import io.gscam.camera.rtsp.ConnectionSniffer;
import io.gscam.camera.rtsp.MctpConnectionHandler;
import io.gscam.camera.rtsp.RequestAuthenticator;
import io.gscam.camera.rtsp.RtspConnectionHandler;
import io.gscam.camera.rtsp.RtspFrameDecoder;
import io.gscam.camera.rtsp.RtspServices;
import io.gscam.camera.session.CloseReason;
import io.gscam.camera.session.RtspSession;
import io.gscam.camera.session.SessionIdGenerator;
import io.gscam.camera.session.SessionRegistry;
import io.gscam.camera.stream.ChannelSourceFactory;
import io.gscam.camera.stream.LiveStream;
import io.gscam.camera.stream.LiveStreams;
import io.gscam.camera.stream.ReaderTotals;
import io.gscam.camera.stream.SenderReports;
import io.gscam.camera.stream.UdpSocketPair;
import io.gscam.media.h264.H264PayloadWriter;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.protocol.auth.Accounts;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.auth.BasicVerifier;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestVerifier;
import io.gscam.protocol.auth.NonceSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The camera emulator's RTSP server: one Netty event-loop group (epoll when available) serving
 * the RTSP port, where each connection's first bytes decide between RTSP and the MCTP
 * heartbeat/alarm service, plus one shared UDP socket pair for RTP/AVP unicast.
 *
 * <pre>{@code
 * try (CameraServer camera = new CameraServer(CameraConfig.defaults().toBuilder().rtspPort(0).build())) {
 *     camera.start();
 *     String url = "rtsp://127.0.0.1:" + camera.rtspAddress().getPort() + "/0";
 * }
 * }</pre>
 *
 * <p>Threads: the event loops never block; media sources are paced and packetized on one
 * "gscam-media" thread; opening a source (which may read a file or start a process) runs on a small
 * bounded pool. Clocks are injected: the wall clock for session timeouts and RTCP NTP times,
 * a monotonic nanosecond clock for pacing.
 */
public final class CameraServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraServer.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final CameraConfig config;
    private final InstantSource clock;
    private final java.util.function.LongSupplier nanoClock;
    private final ChannelSourceFactory sources;
    private final MctpConnectionHandler mctp;
    private final RandomGenerator random;
    private final SessionRegistry sessions;
    /** MCTP heartbeat/alarms and the HTTP port (io.gscam.camera.http); null when built with a bare MCTP handler. */
    private final CameraApi api;
    private final AtomicInteger openConnections = new AtomicInteger();
    /** Where the fan-out's RTP packets come from; tests pass one whose metric counts what is still allocated. */
    private final ByteBufAllocator packetAllocator;
    private final ReaderTotals readerTotals = new ReaderTotals();

    private State state = State.NEW;
    private EventLoopGroup group;
    private ScheduledThreadPoolExecutor mediaExecutor;
    private ThreadPoolExecutor blockingExecutor;
    private ChannelGroup connections;
    private Channel serverChannel;
    private UdpSocketPair udp;
    private LiveStreams streams;

    /** A camera with the built-in media, the system clock, MCTP heartbeat/alarms and the HTTP port. */
    public CameraServer(CameraConfig config) {
        this(config, CameraApi.Options.defaults());
    }

    /** As {@link #CameraServer(CameraConfig)} with the HTTP/alarm options given ({@code --alarm-every}). */
    public CameraServer(CameraConfig config, CameraApi.Options api) {
        this(config, InstantSource.system(), System::nanoTime, new ChannelSources(config), null, api,
                new SecureRandom(), ByteBufAllocator.DEFAULT);
    }

    /** A camera with MCTP heartbeat/alarms and the HTTP port (bound on {@link CameraConfig#httpPort()}). */
    public CameraServer(CameraConfig config, InstantSource clock, java.util.function.LongSupplier nanoClock,
                        ChannelSourceFactory sources, CameraApi.Options api, RandomGenerator random) {
        this(config, clock, nanoClock, sources, null, Objects.requireNonNull(api, "api"), random, ByteBufAllocator.DEFAULT);
    }

    /**
     * @param clock     wall clock: session timeouts, RTCP NTP timestamps
     * @param nanoClock monotonic clock for pacing media
     * @param sources   opens each channel's media
     * @param mctp      takes connections whose first bytes are MCTP
     * @param random    session ids, nonces, SSRCs, initial sequence numbers and timestamps
     */
    public CameraServer(CameraConfig config, InstantSource clock, java.util.function.LongSupplier nanoClock,
                        ChannelSourceFactory sources, MctpConnectionHandler mctp, RandomGenerator random) {
        this(config, clock, nanoClock, sources, Objects.requireNonNull(mctp, "mctp"), null, random, ByteBufAllocator.DEFAULT);
    }

    /** As above with the allocator of the fan-out's RTP packets given, so tests can count what is never released. */
    CameraServer(CameraConfig config, InstantSource clock, java.util.function.LongSupplier nanoClock,
                 ChannelSourceFactory sources, MctpConnectionHandler mctp, RandomGenerator random, ByteBufAllocator packetAllocator) {
        this(config, clock, nanoClock, sources, Objects.requireNonNull(mctp, "mctp"), null, random, packetAllocator);
    }

    private CameraServer(CameraConfig config, InstantSource clock, java.util.function.LongSupplier nanoClock,
                         ChannelSourceFactory sources, MctpConnectionHandler mctp, CameraApi.Options apiOptions,
                         RandomGenerator random, ByteBufAllocator packetAllocator) {
        this.config = Objects.requireNonNull(config, "config");
        this.packetAllocator = Objects.requireNonNull(packetAllocator, "packetAllocator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.random = Objects.requireNonNull(random, "random");
        this.sessions = new SessionRegistry(clock, config.sessionTimeout(), new SessionIdGenerator(random));
        if (apiOptions != null && apiOptions.snapshots().isEmpty() && sources instanceof ChannelSources opened) {
            // A streaming MJPEG channel's snapshot is the frame it sends; others fall back to the test pattern.
            apiOptions = apiOptions.withSnapshots(opened.streamSnapshots());
        }
        this.api = apiOptions == null ? null : new CameraApi(config, sessions, clock, random, apiOptions);
        this.mctp = api == null ? mctp : api.mctp();
    }

    /** The MCTP heartbeat/alarm service, alarm bus and HTTP port, unless built with a bare MCTP handler. */
    public Optional<CameraApi> api() {
        return Optional.ofNullable(api);
    }

    public CameraConfig config() {
        return config;
    }

    /** The live sessions: for the heartbeat service, the HTTP API and tests. */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** Open TCP connections on the RTSP port (RTSP and MCTP). */
    public int openConnections() {
        return openConnections.get();
    }

    /** Readers currently attached to running streams. */
    public int activeReaders() {
        LiveStreams s = streams;
        return s == null ? 0 : s.running().stream().mapToInt(LiveStream::readerCount).sum();
    }

    /**
     * Times any reader, live or ended, fell behind its byte budget and skipped to the next keyframe
     * (each session's own count is logged when it closes).
     */
    public long keyframeSkips() {
        return readerTotals.keyframeSkips();
    }

    /** The fan-out's totals over every reader so far: packets sent, keyframe skips, packets dropped. */
    public ReaderTotals readerTotals() {
        return readerTotals;
    }

        /** The channels whose stream is running now. */
    public List<LiveStream> runningStreams() {
        LiveStreams s = streams;
        return s == null ? List.of() : s.running();
    }

    /** Binds the RTSP port and the UDP pair; returns once they are listening. */
    public synchronized void start() throws IOException, InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("camera server already " + state);
        }
        state = State.RUNNING;
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("gscam-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ChannelFactory<? extends ServerChannel> serverFactory = epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
        ChannelFactory<? extends DatagramChannel> udpFactory = epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
        mediaExecutor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("gscam-media", true));
        mediaExecutor.setRemoveOnCancelPolicy(true);
        blockingExecutor = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                new DefaultThreadFactory("gscam-open", true));
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            Map<InetSocketAddress, RtspSession> udpClients = new ConcurrentHashMap<>();
            udp = UdpSocketPair.bind(group.next(), udpFactory, config.bindAddress(), config.udpRtpPort(),
                    (sender, bytes) -> {
                        RtspSession s = udpClients.get(sender);
                        if (s != null) {
                            sessions.touch(s);
                        }
                    });
            streams = new LiveStreams(sources, this::payloadWriter, packetAllocator, mediaExecutor,
                    nanoClock, random, config.streamLinger());
            SenderReports reports = new SenderReports(clock, config.senderReportInterval(), "gscam@" + config.bindAddress().getHostAddress());
            RtspServices services = new RtspServices(config, sessions, streams, udp, authenticator(), blockingExecutor,
                    udpClients, reports::start, readerTotals);
            long high = config.readerBufferBytes();
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channelFactory(serverFactory)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark((int) (high / 2), (int) high))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast("count", new ConnectionCounter());
                            ch.pipeline().addLast("sniff", new ConnectionSniffer(
                                    () -> new ChannelHandler[] {new RtspFrameDecoder(), new RtspConnectionHandler(services)}, mctp));
                        }
                    })
                    .bind(config.bindAddress(), config.effectiveRtspPort()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("cannot bind the camera's RTSP port " + config.effectiveRtspPort() + ": " + e.getMessage(), e);
        }
        try {
            if (api != null) {
                api.start(group, serverFactory, blockingExecutor); // its own errors name the HTTP port
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        long sweep = Math.max(10, Math.min(1000, config.sessionTimeout().toMillis() / 4));
        mediaExecutor.scheduleWithFixedDelay(sessions::expireIdle, sweep, sweep, TimeUnit.MILLISECONDS);
        log.info("RTSP on {} ({}), RTP/UDP on {}-{}", serverChannel.localAddress(), epoll ? "epoll" : "nio",
                udp.rtpPort(), udp.rtcpPort());
    }

    /** Where RTSP listens: with port 0 configured, the port the system chose. */
    public InetSocketAddress rtspAddress() {
        Channel c = serverChannel;
        if (c == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) c.localAddress();
    }

    /** The UDP RTP port (RTCP is the next one). */
    public int udpRtpPort() {
        return udp.rtpPort();
    }

    /** The stream URLs clients use, one per channel the model serves, for {@code host}. */
    public List<String> streamUrls(String host) {
        int port = rtspAddress().getPort();
        return config.model().channels().stream().map(ch -> "rtsp://" + host + ":" + port + ch.path()).toList();
    }

    private RtpPayloadWriter payloadWriter(int channel, MediaFormat format) {
        if ("H264".equals(format.encodingKey())) {
            return new H264PayloadWriter(config.fuaSize(), false);
        }
        return PayloadFormats.standard().find(format)
                .orElseThrow(() -> new IllegalArgumentException("channel " + channel + ": no payload format for " + format.encodingName()))
                .newWriter(format);
    }

    private RequestAuthenticator authenticator() {
        Accounts accounts = Accounts.of(new Credentials(config.user(), config.password()));
        DigestVerifier digest = new DigestVerifier(AccountAuthenticator.REALM, accounts, new NonceSource(random));
        Optional<BasicVerifier> basic = config.basicAuth()
                ? Optional.of(new BasicVerifier(AccountAuthenticator.REALM, accounts)) : Optional.empty();
        return new AccountAuthenticator(new AuthVerifier(digest, basic));
    }

    /** Ends every session, closes every connection and socket, stops the streams and threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        sessions.closeAll(CloseReason.SERVER_SHUTDOWN);
        if (connections != null) {
            connections.close().awaitUninterruptibly();
        }
        if (api != null) {
            api.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (sources instanceof AutoCloseable owned) {
            closeQuietly(owned);
        }
        if (udp != null) {
            udp.close();
        }
        if (mediaExecutor != null) {
            mediaExecutor.shutdownNow();
        }
        if (blockingExecutor != null) {
            blockingExecutor.shutdownNow();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("closing {} failed", resource, e);
        }
    }

    /** Counts open connections for leak checks. */
    @ChannelHandler.Sharable
    private final class ConnectionCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openConnections.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            openConnections.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }
}
