package io.gscam.nvr.relay;

import io.gscam.media.rtp.PayloadFormats;
import io.gscam.nvr.record.LiveFeed;
import io.gscam.protocol.Checks;
import io.gscam.protocol.auth.Accounts;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.auth.BasicVerifier;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestVerifier;
import io.gscam.protocol.auth.NonceSource;
import io.gscam.server.RtspServer;
import io.gscam.server.ServerConfig;
import io.gscam.server.limits.ConnectionLimits;
import io.gscam.server.auth.AccountAuthenticator;
import io.gscam.server.mctp.MctpService;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The NVR's RTSP relay: every camera at {@code rtsp://host:<rtsp port>/<camera>}, served by
 * gscam-server in the Grandstream dialect (Digest with the spec's realm, and Basic, with the NVR's
 * account; 8-digit sessions of 120 s; FU-A of 1024 bytes; the MCTP heartbeat and alarm service on
 * the same port) from the frames of the NVR's one upstream session per camera. However many
 * viewers watch, the camera sees that one session.
 * <pre>{@code
 * try (RelayServer relay = RelayServer.start(nvr.live(), List.of("front"), RelayServer.Settings.of(
 *         InetAddress.getLoopbackAddress(), 8554, "admin", "secret"))) {
 *     // rtsp://admin:secret@127.0.0.1:8554/front
 * }
 * }</pre>
 * The camera's own URL and credentials never reach the relay: it sees only frames, stream info and
 * alarms, so they cannot appear in its SDP, logs or answers.
 */
public final class RelayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayServer.class);
    /** The dialect's session timeout ({@code Session: 12345678;timeout=120}). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Where and for whom the relay serves.
     *
     * @param readerBufferBytes each viewer's byte budget before it skips to the next keyframe
     */
    public record Settings(InetAddress bindAddress, int port, String user, String password, long readerBufferBytes,
                           InstantSource clock, LongSupplier nanoClock, ConnectionLimits limits) {
        public Settings {
            Checks.nonNull("limits", limits, "bindAddress", bindAddress, "user", user, "password", password,
                    "clock", clock, "nanoClock", nanoClock);
        }

        /** A 2 MiB budget per viewer, the system clocks. */
        public static Settings of(InetAddress bindAddress, int port, String user, String password) {
            return new Settings(bindAddress, port, user, password, 2L * 1024 * 1024, InstantSource.system(), System::nanoTime,
                    ConnectionLimits.DEFAULT);
        }

        /** These settings with {@code clock} for sessions, nonces' ages, MCTP silence and RTCP times. */
        public Settings withClock(InstantSource clock) {
            return new Settings(bindAddress, port, user, password, readerBufferBytes, clock, nanoClock, limits);
        }

        /** These settings with {@code l}: a request's header timeout and a connection's idle timeout. */
        public Settings withLimits(ConnectionLimits l) {
            return new Settings(bindAddress, port, user, password, readerBufferBytes, clock, nanoClock, l);
        }

        @Override
        public String toString() {
            return "Settings{" + bindAddress.getHostAddress() + ":" + port + ", user " + user + "}";
        }
    }

    private final Map<String, CameraRelay> cameras = new LinkedHashMap<>();
    private final List<LiveFeed.Subscription> subscriptions = new ArrayList<>();
    private final RelayAlarms alarms = new RelayAlarms();
    private final ScheduledThreadPoolExecutor housekeeping;
    private final SessionRegistry sessions;
    private final MctpService mctp;
    private final RtspServer rtsp;

    private RelayServer(LiveFeed feed, List<String> cameraNames, Settings settings) {
        RandomGenerator random = new SecureRandom();
        PayloadFormats formats = PayloadFormats.standard();
        for (String name : cameraNames) {
            cameras.put(name, new CameraRelay(name, formats, random, PooledByteBufAllocator.DEFAULT,
                    settings.nanoClock(), alarms));
        }
        housekeeping = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("nvr-relay", true));
        housekeeping.setRemoveOnCancelPolicy(true);
        sessions = new SessionRegistry(settings.clock(), SESSION_TIMEOUT, new SessionIdGenerator(random));
        mctp = new MctpService(sessions, alarms, settings.clock(), MctpService.DEFAULT_SILENCE);
        Accounts accounts = Accounts.of(new Credentials(settings.user(), settings.password()));
        AuthVerifier verifier = new AuthVerifier(
                new DigestVerifier(AccountAuthenticator.REALM, accounts, new NonceSource(random, settings.clock())),
                Optional.of(new BasicVerifier(AccountAuthenticator.REALM, accounts)));
        ServerConfig config = new ServerConfig(settings.bindAddress(), settings.port(), 0, settings.readerBufferBytes(),
                Duration.ofSeconds(5), settings.limits());
        rtsp = new RtspServer(config, sessions, new RelayStreams(cameras), new AccountAuthenticator(verifier), mctp,
                settings.clock(), housekeeping);
        for (CameraRelay c : cameras.values()) {
            subscriptions.add(feed.subscribe(c.camera(), c));
        }
    }

    /** Subscribes to each camera's live feed and listens on the RTSP port; returns once it does. */
    public static RelayServer start(LiveFeed feed, List<String> cameras, Settings settings) throws IOException {
        RelayServer relay = new RelayServer(feed, cameras, settings);
        try {
            relay.rtsp.start();
            relay.mctp.start(relay.housekeeping);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.close();
            throw new IOException("interrupted while starting the relay", e);
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw new IOException("RTSP relay: " + e.getMessage(), e);
        }
        log.info("RTSP relay of {} camera(s) on {}", relay.cameras.size(), relay.address());
        return relay;
    }

    /** Where the relay listens (the real port when 0 was configured). */
    public InetSocketAddress address() {
        return rtsp.rtspAddress();
    }

    /** The relay's live RTSP sessions (one per viewer). */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** Viewers attached to {@code camera}'s stream now. */
    public int viewers(String camera) {
        CameraRelay c = cameras.get(camera);
        RelayStream s = c == null ? null : c.current();
        return s == null ? 0 : s.packets().readerCount();
    }

    /** RTP packets made for {@code camera}'s viewers so far (each once, however many viewers). */
    public long packetsProduced(String camera) {
        CameraRelay c = cameras.get(camera);
        RelayStream s = c == null ? null : c.current();
        return s == null ? 0 : s.packets().packetsProduced();
    }

    /** Viewers' sessions an MCTP heartbeat vouches for now. */
    public int heartbeats() {
        return mctp.heartbeats();
    }

    /** MCTP alarm subscriptions now. */
    public int alarmSubscribers() {
        return alarms.subscribers();
    }

    /** Stops listening, ends every viewer's session and the live-feed subscriptions. Idempotent. */
    @Override
    public void close() {
        subscriptions.forEach(LiveFeed.Subscription::close);
        mctp.close();
        rtsp.close();
        cameras.values().forEach(CameraRelay::close);
        housekeeping.shutdownNow();
    }
}
