package io.gscam.camera.http;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.alarm.AlarmBus;
import io.gscam.camera.alarm.AlarmTicker;
import io.gscam.protocol.Checks;
import io.gscam.server.mctp.MctpService;
import io.gscam.server.auth.AccountAuthenticator;
import io.gscam.server.limits.AuthFailures;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.session.SessionRegistry;
import io.gscam.protocol.auth.Accounts;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.auth.BasicVerifier;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestVerifier;
import io.gscam.protocol.auth.NonceSource;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What the camera serves besides media, wired together for {@code CameraServer}: the MCTP
 * heartbeat/alarm service on the RTSP port ({@link #mctp()}, the sniffer's extension point), the
 * {@link AlarmBus}, the HTTP port (alarm API and snapshots) and the demo alarm ticker.
 *
 * <pre>{@code
 * CameraApi api = new CameraApi(config, sessions, clock, random, CameraApi.Options.defaults());
 * // ... the RTSP server's sniffer hands MCTP connections to api.mctp() ...
 * api.start(group, serverChannelFactory, blockingExecutor);   // binds the HTTP port
 * api.close();
 * }</pre>
 */
public final class CameraApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraApi.class);

    /**
     * @param heartbeatSilence how long an MCTP connection may stay silent (the spec: 10 s)
     * @param alarmEvery       {@code --alarm-every}: a demo MOTION alarm this often, round-robin over channels
     * @param snapshots        the pictures of {@code /snapshot/view<N>.jpg}, tried first (e.g. the frames
     *                         a streaming MJPEG channel sends); a channel it has none for gets the test pattern
     */
    public record Options(Duration heartbeatSilence, Optional<Duration> alarmEvery, Optional<SnapshotSource> snapshots) {
        public Options {
            Checks.nonNull("heartbeatSilence", heartbeatSilence, "alarmEvery", alarmEvery, "snapshots", snapshots);
        }

        public static Options defaults() {
            return new Options(MctpService.DEFAULT_SILENCE, Optional.empty(), Optional.empty());
        }

        public Options withAlarmEvery(Duration period) {
            return new Options(heartbeatSilence, Optional.of(period), snapshots);
        }

        public Options withHeartbeatSilence(Duration silence) {
            return new Options(silence, alarmEvery, snapshots);
        }

        public Options withSnapshots(SnapshotSource source) {
            return new Options(heartbeatSilence, alarmEvery, Optional.of(source));
        }
    }

    private final CameraConfig config;
    private final InstantSource clock;
    private final Options options;
    private final AlarmBus alarms = new AlarmBus();
    private final MctpService mctp;
    private final AuthVerifier httpAuth;
    private final AlarmTicker ticker;
    private final TestPatternSnapshots testPattern;
    private volatile CameraHttpServer http;

    public CameraApi(CameraConfig config, SessionRegistry sessions, InstantSource clock, RandomGenerator random, Options options) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.mctp = new MctpService(sessions, alarms, clock, options.heartbeatSilence(), config.model());
        Accounts accounts = Accounts.of(new Credentials(config.user(), config.password()));
        // Over HTTP Basic is always accepted: NVRs' alarm hooks and curl scripts commonly send only Basic.
        this.httpAuth = new AuthVerifier(new DigestVerifier(AccountAuthenticator.REALM, accounts, new NonceSource(random, clock)),
                Optional.of(new BasicVerifier(AccountAuthenticator.REALM, accounts)));
        this.ticker = new AlarmTicker(alarms, config.model(), clock);
        this.testPattern = new TestPatternSnapshots(config.model(), clock);
    }

    /** The extension point the RTSP port's connection sniffer hands MCTP connections to. */
    public MctpConnectionHandler mctp() {
        return mctp;
    }

    public MctpService mctpService() {
        return mctp;
    }

    public AlarmBus alarms() {
        return alarms;
    }

    /**
     * Binds the HTTP port ({@link CameraConfig#httpPort()}, 0 for any) on {@code group} and starts the
     * heartbeat sweep and, when configured, the demo alarms on it.
     *
     * @param blocking where snapshots are rendered
     */
    public synchronized void start(EventLoopGroup group, ChannelFactory<? extends ServerChannel> serverFactory,
                                   Executor blocking) throws IOException, InterruptedException {
        http = CameraHttpServer.start(group, serverFactory, config.bindAddress(), config.httpPort(), httpAuth, alarms,
                config.model(), options.snapshots().map(s -> s.orElse(testPattern)).orElse(testPattern), blocking, clock,
                config.limits(), new AuthFailures(clock));
        mctp.start(group.next());
        options.alarmEvery().ifPresent(period -> ticker.start(group.next(), period));
        log.info("HTTP on {}{}", http.address(),
                options.alarmEvery().map(p -> ", demo alarm every " + p.toSeconds() + " s").orElse(""));
    }

    /** Where HTTP listens, once started. */
    public InetSocketAddress httpAddress() {
        CameraHttpServer h = http;
        if (h == null) {
            throw new IllegalStateException("HTTP not started");
        }
        return h.address();
    }

    /** Stops the ticker, closes the HTTP port and every MCTP connection. Idempotent. */
    @Override
    public synchronized void close() {
        ticker.close();
        if (http != null) {
            http.close();
            http = null;
        }
        mctp.close();
        testPattern.close();
    }
}
