package io.gscam.server.session;

import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.server.stream.StreamPath;
import io.netty.channel.Channel;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One RTSP session of the server: a stream ({@link StreamPath}: a channel 0..7 on a device, a camera
 * name on the NVR's relay), the tracks set up on it with their
 * transports, and an explicit {@link SessionState}. One session carries both tracks of a stream.
 * Its RTSP connection's event loop drives the state changes; the registry's sweep and other services
 * may end it from other threads, so every transition is synchronized and checks the state first.
 *
 * <p>Created and ended only through {@link SessionRegistry}.
 */
public final class RtspSession {

    /** What PLAY started: stopped on PAUSE, TEARDOWN, timeout or connection loss. */
    @FunctionalInterface
    public interface Delivery {
        void stop();
    }

    private final String id;
    private final StreamPath path;
    private final Channel connection;
    private final Instant created;
    private final Map<Integer, TrackTransport> tracks = new TreeMap<>();
    private final SessionTraffic traffic = new SessionTraffic();
    private SessionState state = SessionState.INIT;
    private volatile Instant lastActivity;
    private Delivery delivery;
    private Runnable onClose;

    RtspSession(String id, StreamPath path, Channel connection, Instant created) {
        this.id = Objects.requireNonNull(id, "id");
        this.path = Objects.requireNonNull(path, "path");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.created = created;
        this.lastActivity = created;
    }

    /** The 8-digit session id. */
    public String id() {
        return id;
    }

    /** The stream this session plays. */
    public StreamPath path() {
        return path;
    }

    /** The channel this session plays, 0..7; -1 when its path is not the Grandstream form. */
    public int channel() {
        return path.channel().map(GrandstreamChannel::number).orElse(-1);
    }

    /**
     * Whether an MCTP heartbeat registration {@code @<id>@<channel>} names this session's stream: the
     * same channel for a channel path; any channel for another path (a relayed camera), whose
     * number the client can only guess (gscam's client says 0 for a path without one).
     */
    public boolean registersOn(int channel) {
        return path.channel().map(c -> c.number() == channel).orElse(true);
    }

    /** The RTSP connection that created the session (and carries interleaved media, if any). */
    public Channel connection() {
        return connection;
    }

    /** The packets its deliveries sent and dropped; complete once the session has closed. */
    public SessionTraffic traffic() {
        return traffic;
    }

    public Instant created() {
        return created;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public synchronized SessionState state() {
        return state;
    }

    public synchronized boolean isLive() {
        return state != SessionState.CLOSED;
    }

    /** The tracks set up so far, by track index (0 video, 1 audio), in index order. */
    public synchronized Map<Integer, TrackTransport> tracks() {
        return Collections.unmodifiableMap(new TreeMap<>(tracks));
    }

    /** True when any track is interleaved on the RTSP connection, which then must stay open. */
    public synchronized boolean usesInterleaved() {
        return tracks.values().stream().anyMatch(t -> t instanceof TrackTransport.Interleaved);
    }

    /** A request or an RTCP receiver report arrived: the session lives another timeout. */
    public void touch(Instant now) {
        lastActivity = now;
    }

    /**
     * Adds (or replaces) a track's transport. Valid in INIT and READY (RFC 2326 A.2 lets a client
     * change a transport in READY); not while PLAYING, since delivery already runs with the old one.
     *
     * @return false when the state does not allow it
     */
    public synchronized boolean setUp(int track, TrackTransport transport) {
        if (state != SessionState.INIT && state != SessionState.READY) {
            return false;
        }
        tracks.put(track, transport);
        state = SessionState.READY;
        return true;
    }

    /** READY to PLAYING with {@code started}; false (and {@code started} stopped) when not READY. */
    public synchronized boolean play(Delivery started) {
        if (state != SessionState.READY) {
            started.stop();
            return false;
        }
        delivery = started;
        state = SessionState.PLAYING;
        return true;
    }

    /** PLAYING to READY, stopping delivery; true also when already READY (PAUSE is idempotent). */
    public synchronized boolean pause() {
        if (state == SessionState.PLAYING) {
            stopDelivery();
            state = SessionState.READY;
            return true;
        }
        return state == SessionState.READY;
    }

    /** Runs once when the session closes, after delivery stopped: frees what SETUP acquired. */
    public synchronized void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Any state to CLOSED; delivery stops at once. Returns false when it was closed already. */
    synchronized boolean markClosed() {
        if (state == SessionState.CLOSED) {
            return false;
        }
        stopDelivery();
        state = SessionState.CLOSED;
        if (onClose != null) {
            Runnable r = onClose;
            onClose = null;
            r.run();
        }
        return true;
    }

    private void stopDelivery() {
        if (delivery != null) {
            Delivery d = delivery;
            delivery = null;
            d.stop();
        }
    }

    @Override
    public synchronized String toString() {
        return "RtspSession{" + id + ", " + path + ", " + state + ", tracks " + tracks.keySet() + "}";
    }
}
