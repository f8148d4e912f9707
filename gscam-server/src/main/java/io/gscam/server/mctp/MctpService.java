package io.gscam.server.mctp;

import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionListener;
import io.gscam.server.session.SessionRegistry;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.netty.channel.ChannelHandler;
import io.gscam.server.limits.AddressLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's heartbeat and alarm service (the spec's "RTCP" connection): the MCTP connections on the RTSP port (DESIGN.md,
 * docs/protocol.md).
 *
 * <ul>
 *   <li>{@code @<session>@<channel>} answers {@code @1} when a live RTSP session with that id plays
 *       that channel (a session of a stream named by another path, such as a relayed camera, with
 *       any channel: {@link io.gscam.server.session.RtspSession#registersOn}), and the connection
 *       then vouches for the session; {@code @0} otherwise. After
 *       {@code @0} the connection stays open (still under the silence rule below): a client that
 *       registered before its SETUP completed, or with a stale id, may register again, and closing
 *       would only make it reconnect.</li>
 *   <li>{@code @FFFFFFFF@<channel>} ({@code -1} for all) subscribes to alarms on {@link AlarmFeed}:
 *       {@code @1}, or {@code @0} for a channel the device model does not serve.</li>
 *   <li>A keep-alive {@code CMD:ALIVE MCTP/1.0 CS} is answered with the SC form. Any message counts
 *       as a sign of life.</li>
 *   <li>Silence rule (the spec's 10 s): an MCTP connection that sends nothing for {@code silence} is
 *       closed. A session whose heartbeat has not been heard for {@code silence} (its connection went
 *       silent, or closed and no new heartbeat registered the session again in time) is ended with its
 *       RTSP connection. Sessions never registered (ffmpeg, VLC) are not subject to it.</li>
 *   <li>When a vouched-for session ends (TEARDOWN, timeout), its heartbeat connections are closed.</li>
 *   <li>Unknown commands are logged and ignored; malformed input closes the connection with a log line.</li>
 * </ul>
 *
 * Time comes from the injected clock; {@link #sweep()} applies the silence rule as of now, run
 * periodically by {@link #start}. Thread safe.
 */
public final class MctpService implements MctpConnectionHandler, AutoCloseable {
    /** The spec: "The maximum allowed heartbeat connection delay is 10 seconds". */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(MctpService.class);

    private final SessionRegistry sessions;
    private final AlarmFeed alarms;
    private final InstantSource clock;
    /** Malformed, unknown or silent connections: one line per address per 10 s (DESIGN.md, Limits and defenses). */
    private final AddressLog badInput;
    private final Duration silence;
    private final DeviceModel model;
    private final Set<MctpConnection> connections = ConcurrentHashMap.newKeySet();
    /** Vouched-for sessions by id: when a heartbeat for each was last heard. */
    private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
    private final SessionListener sessionEnded = this::sessionClosed;
    private volatile ScheduledFuture<?> sweeper;

    /** A service for a DVS (alarm subscriptions to channels 0..7). */
    public MctpService(SessionRegistry sessions, AlarmFeed alarms, InstantSource clock, Duration silence) {
        this(sessions, alarms, clock, silence, DeviceModel.DVS);
    }

    /** @param model whose channels alarm subscriptions may name */
    public MctpService(SessionRegistry sessions, AlarmFeed alarms, InstantSource clock, Duration silence, DeviceModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.badInput = new AddressLog(clock);
        this.silence = Objects.requireNonNull(silence, "silence");
        if (silence.isZero() || silence.isNegative()) {
            throw new IllegalArgumentException("heartbeat silence limit must be positive: " + silence);
        }
        sessions.addListener(sessionEnded);
    }

    /** Runs {@link #sweep()} on {@code scheduler} often enough to act within a tenth of the limit (at most every second). */
    public void start(ScheduledExecutorService scheduler) {
        long period = Math.max(10, Math.min(1000, silence.toMillis() / 10));
        sweeper = scheduler.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public ChannelHandler newHandler() {
        return new MctpConnection(this);
    }

    /** The silence limit. */
    public Duration silence() {
        return silence;
    }

    /** Open MCTP connections (heartbeat, alarm, or not registered yet). */
    public int connections() {
        return connections.size();
    }

    /** Sessions currently vouched for by a heartbeat. */
    public int heartbeats() {
        return heartbeats.size();
    }

    /**
     * Applies the silence rule as of the clock's now: closes silent MCTP connections, and ends the
     * sessions whose heartbeat was last heard too long ago, with their RTSP connections.
     */
    public void sweep() {
        Instant deadline = clock.instant().minus(silence);
        for (Map.Entry<String, Instant> e : heartbeats.entrySet()) {
            if (e.getValue().isBefore(deadline) && heartbeats.remove(e.getKey(), e.getValue())) {
                log.info("no heartbeat for session {} in {} s: closing the session and its RTSP connection",
                        e.getKey(), silence.toSeconds());
                sessions.closeWithConnection(e.getKey(), CloseReason.CLOSED_BY_SERVICE);
                closeConnectionsOf(e.getKey());
            }
        }
        for (MctpConnection c : connections) {
            if (c.lastHeard().isBefore(deadline)) {
                badInput(c.remoteAddress(), "silent MCTP connection(s) closed", "silent for " + silence.toSeconds() + " s");
                c.close();
            }
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("heartbeat sweep failed", e);
        }
    }

    // --- called by MctpConnection -------------------------------------------------------------

    /** Logs a misbehaving connection's event, rate-limited per address. */
    void badInput(SocketAddress from, String what, String detail) {
        if (from instanceof InetSocketAddress a) {
            badInput.event(a.getAddress(), what, detail);
        }
    }

    Instant now() {
        return clock.instant();
    }

    AlarmFeed alarms() {
        return alarms;
    }

    /** Whether {@code alarmChannel} ({@code -1} for all) names channels the device model has. */
    boolean servesAlarmChannel(int alarmChannel) {
        return alarmChannel == AlarmFeed.ALL_CHANNELS
                || (alarmChannel >= GrandstreamChannel.MIN && alarmChannel <= GrandstreamChannel.MAX
                && model.serves(GrandstreamChannel.of(alarmChannel)));
    }

    void opened(MctpConnection c) {
        connections.add(c);
    }

    void closed(MctpConnection c) {
        // The session's heartbeat entry stays: the client may reconnect within the limit, else sweep ends it.
        connections.remove(c);
    }

    /**
     * Registers a heartbeat for session {@code id} on {@code channel}.
     *
     * @return whether a live session with that id plays that channel
     */
    boolean vouch(String id, int channel, Instant now) {
        if (sessions.findLive(id, channel).isEmpty()) {
            return false;
        }
        heartbeats.put(id, now);
        // The session may have ended between the look-up and the put; its listener has then run already.
        if (sessions.findLive(id, channel).isEmpty()) {
            heartbeats.remove(id, now);
            return false;
        }
        return true;
    }

    /** A heartbeat for {@code id} was heard. */
    void heard(String id, Instant now) {
        heartbeats.computeIfPresent(id, (k, v) -> now);
    }

    private void sessionClosed(RtspSession session, CloseReason reason) {
        if (heartbeats.remove(session.id()) != null) {
            log.debug("session {} ended ({}): closing its heartbeat connection", session.id(), reason);
            closeConnectionsOf(session.id());
        }
    }

    private void closeConnectionsOf(String sessionId) {
        for (MctpConnection c : connections) {
            if (sessionId.equals(c.vouchedSession())) {
                c.close();
            }
        }
    }

    /** Stops the sweep and closes every MCTP connection. */
    @Override
    public void close() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
        sessions.removeListener(sessionEnded);
        for (MctpConnection c : connections) {
            c.close();
        }
        heartbeats.clear();
    }
}
