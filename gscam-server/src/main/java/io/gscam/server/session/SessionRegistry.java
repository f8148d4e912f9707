package io.gscam.server.session;

import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.server.stream.StreamPath;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's live RTSP sessions by id. Besides the RTSP server it serves the device's other
 * services: the MCTP heartbeat looks up the session a registration names ({@link #findLive}) and ends
 * it, with its RTSP connection, when the heartbeat goes silent ({@link #closeWithConnection}), and
 * listens for sessions ending ({@link #addListener}).
 *
 * <p>Sessions end by TEARDOWN, by their connection closing (when they use interleaved transport), by
 * {@link #expireIdle()} after {@link #timeout()} without a request or RTCP receiver report, or by
 * another service. Time comes from the injected clock, so tests expire sessions without waiting.
 * Thread safe.
 */
public final class SessionRegistry {
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    /** Attempts at an unused random id before giving up: with 10^8 ids, collisions are rare. */
    private static final int ID_ATTEMPTS = 100;

    private final InstantSource clock;
    private final Duration timeout;
    private final SessionIdGenerator ids;
    private final ConcurrentHashMap<String, RtspSession> sessions = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public SessionRegistry(InstantSource clock, Duration timeout, SessionIdGenerator ids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("session timeout must be positive: " + timeout);
        }
    }

    /** The session timeout announced in {@code Session: id;timeout=N} and enforced by {@link #expireIdle()}. */
    public Duration timeout() {
        return timeout;
    }

    public InstantSource clock() {
        return clock;
    }

    /** A new session in state INIT for {@code channel}, created by a SETUP on {@code connection}. */
    public RtspSession create(int channel, Channel connection) {
        return create(StreamPath.of(GrandstreamChannel.of(channel)), connection);
    }

    /** A new session in state INIT for the stream {@code path}, created by a SETUP on {@code connection}. */
    public RtspSession create(StreamPath path, Channel connection) {
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            RtspSession s = new RtspSession(ids.next(), path, connection, clock.instant());
            if (sessions.putIfAbsent(s.id(), s) == null) {
                return s;
            }
        }
        throw new IllegalStateException("no free session id after " + ID_ATTEMPTS + " attempts");
    }

    /** The live session with this id, if any. */
    public Optional<RtspSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /**
     * The live session with this id playing {@code channel}, as an MCTP registration {@code @id@channel}
     * names it (see {@link RtspSession#registersOn}: a session of a path that is not a channel takes any).
     */
    public Optional<RtspSession> findLive(String id, int channel) {
        return find(id).filter(s -> s.registersOn(channel) && s.isLive());
    }

    /** Every live session, a snapshot. */
    public List<RtspSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The number of live sessions; zero once every client has gone, which leak tests check. */
    public int openSessions() {
        return sessions.size();
    }

    /** Marks activity on the session now (a request or RTCP report arrived). */
    public void touch(RtspSession session) {
        session.touch(clock.instant());
    }

    /**
     * Ends a session: delivery stops at once, it leaves the registry, listeners are told. The RTSP
     * connection stays open (a client may go on with other requests after TEARDOWN).
     *
     * @return false when no live session had that id
     */
    public boolean close(String id, CloseReason reason) {
        RtspSession s = sessions.get(id);
        return s != null && close(s, reason);
    }

    /** As {@link #close(String, CloseReason)} for a session in hand. */
    public boolean close(RtspSession session, CloseReason reason) {
        if (!sessions.remove(session.id(), session)) {
            return false;
        }
        if (!session.markClosed()) {
            return false;
        }
        // Delivery has stopped (markClosed), so the traffic is complete: one line per session says
        // whether a slow reader lost frames, which nothing else outside the process shows.
        log.info("session {} {} closed ({}): {}", session.id(), session.path(), reason,
                session.traffic().summary());
        for (SessionListener l : listeners) {
            try {
                l.sessionClosed(session, reason);
            } catch (RuntimeException e) {
                log.warn("session listener failed for {}", session.id(), e);
            }
        }
        return true;
    }

    /**
     * Ends a session and closes the RTSP connection that made it, as the spec's heartbeat rule does
     * ("it will disconnect the RTSP/RTCP connection"). Other sessions on that connection end with it.
     *
     * @return false when no live session had that id
     */
    public boolean closeWithConnection(String id, CloseReason reason) {
        RtspSession s = sessions.get(id);
        if (s == null) {
            return false;
        }
        boolean closed = close(s, reason);
        s.connection().close();
        return closed;
    }

    /** Ends the sessions a closed connection carried interleaved media for; UDP sessions outlive it. */
    public int connectionClosed(Channel connection) {
        int n = 0;
        for (RtspSession s : sessions.values()) {
            if (s.connection() == connection && (s.usesInterleaved() || s.state() == SessionState.INIT)
                    && close(s, CloseReason.CONNECTION_CLOSED)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Ends every session idle for longer than the timeout, as of the clock's now. The server calls
     * this periodically; tests call it after moving their clock.
     *
     * @return how many sessions it ended
     */
    public int expireIdle() {
        Instant deadline = clock.instant().minus(timeout);
        int n = 0;
        for (RtspSession s : sessions.values()) {
            if (s.lastActivity().isBefore(deadline) && close(s, CloseReason.TIMEOUT)) {
                log.info("session {} timed out after {} s without a request or RTCP report", s.id(), timeout.toSeconds());
                n++;
            }
        }
        return n;
    }

    /** Ends every session (server shutdown). */
    public void closeAll(CloseReason reason) {
        for (RtspSession s : new ArrayList<>(sessions.values())) {
            close(s, reason);
        }
    }

    public void addListener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }
}
