package io.gscam.camera;

import io.gscam.camera.http.CameraApi;
import io.gscam.camera.stream.ChannelSourceFactory;
import io.gscam.camera.stream.LiveStream;
import io.gscam.camera.stream.LiveStreams;
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
import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.server.RtspServer;
import io.gscam.server.ServerConfig;
import io.gscam.server.auth.AccountAuthenticator;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

/**
 * The camera emulator: gscam-server's {@link RtspServer} serving the emulated channels (its
 * {@link io.gscam.server.stream.StreamProvider} is {@link LiveStreams}: test pattern or file sources,
 * started on demand), with the device's account, the MCTP heartbeat/alarm service and the HTTP API on
 * the same event loops.
 *
 * <pre>{@code
 * try (CameraServer camera = new CameraServer(CameraConfig.defaults().toBuilder().rtspPort(0).build())) {
 *     camera.start();
 *     String url = "rtsp://127.0.0.1:" + camera.rtspAddress().getPort() + "/0";
 * }
 * }</pre>
 *
 * <p>Threads: the event loops never block; media sources are paced and packetized on one
 * "gscam-media" thread; opening a source (which may read a file or start a process) runs on the
 * server's small bounded pool. Clocks are injected: the wall clock for session timeouts and RTCP NTP times,
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
    /** Where the fan-out's RTP packets come from; tests pass one whose metric counts what is still allocated. */
    private final ByteBufAllocator packetAllocator;

    private State state = State.NEW;
    private ScheduledThreadPoolExecutor mediaExecutor;
    private volatile RtspServer rtsp;
    private volatile LiveStreams streams;

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
        RtspServer r = rtsp;
        return r == null ? 0 : r.openConnections();
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
        return readerTotals().keyframeSkips();
    }

    /** The fan-out's totals over every reader so far: packets sent, keyframe skips, packets dropped. */
    public ReaderTotals readerTotals() {
        RtspServer r = rtsp;
        return r == null ? new ReaderTotals() : r.readerTotals();
    }

    /** The channels whose stream is running now. */
    public List<LiveStream> runningStreams() {
        LiveStreams s = streams;
        return s == null ? List.of() : s.running();
    }

    /** Binds the RTSP port and the UDP pair, then the HTTP port; returns once they are listening. */
    public synchronized void start() throws IOException, InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("camera server already " + state);
        }
        state = State.RUNNING;
        mediaExecutor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("gscam-media", true));
        mediaExecutor.setRemoveOnCancelPolicy(true);
        streams = new LiveStreams(sources, this::payloadWriter, packetAllocator, mediaExecutor,
                nanoClock, random, config.streamLinger());
        ServerConfig server = new ServerConfig(config.bindAddress(), config.effectiveRtspPort(), config.udpRtpPort(),
                config.readerBufferBytes(), config.senderReportInterval(), config.limits());
        rtsp = new RtspServer(server, sessions, StreamProvider.byChannel(this::openChannel), authenticator(), mctp, clock,
                mediaExecutor);
        try {
            try {
                rtsp.start();
            } catch (IOException e) {
                Throwable bind = e.getCause() == null ? e : e.getCause();
                throw new IOException("cannot bind the camera's RTSP port " + config.effectiveRtspPort() + ": "
                        + bind.getMessage(), e);
            }
            if (api != null) {
                api.start(rtsp.eventLoopGroup(), rtsp.serverChannels(), rtsp.blockingExecutor()); // its own errors name the HTTP port
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** The emulator's stream provider: a lease on a channel the model serves, started on demand; none for others (404). */
    private Optional<ServedStream> openChannel(GrandstreamChannel channel) throws IOException {
        if (!config.model().serves(channel)) {
            return Optional.empty();
        }
        return Optional.of(streams.acquire(channel.number()));
    }

    /** Where RTSP listens: with port 0 configured, the port the system chose. */
    public InetSocketAddress rtspAddress() {
        RtspServer r = rtsp;
        if (r == null) {
            throw new IllegalStateException("not started");
        }
        return r.rtspAddress();
    }

    /** The UDP RTP port (RTCP is the next one). */
    public int udpRtpPort() {
        return rtsp.udpRtpPort();
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
        DigestVerifier digest = new DigestVerifier(AccountAuthenticator.REALM, accounts, new NonceSource(random, clock));
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
        if (api != null) {
            api.close(); // its port shares the RTSP server's event loops
        }
        if (rtsp != null) {
            rtsp.close(); // sessions end and release their streams
        }
        if (streams != null) {
            streams.close();
        }
        if (sources instanceof AutoCloseable owned) {
            closeQuietly(owned);
        }
        if (mediaExecutor != null) {
            mediaExecutor.shutdownNow();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("closing {} failed", resource, e);
        }
    }
}
