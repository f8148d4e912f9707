package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraOptions;
import io.gscam.client.Heartbeat;
import io.gscam.client.HeartbeatStatus;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.mctp.MctpClientConnection;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.mctp.MctpMessage;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A session's Grandstream MCTP connections to the camera's RTSP port: the heartbeat
 * ({@code @<session>@<channel>}, opened as {@link Heartbeat} says) and the alarm subscription
 * ({@code @FFFFFFFF@<channel>}, when asked for). Under {@link Heartbeat#ON}, and for alarms, they
 * open before PLAYING and a failure fails the attempt. Under {@link Heartbeat#AUTO} the heartbeat
 * registers once playing, so it never delays nor fails a session (a Grandstream may not speak MCTP
 * on that port); a refusal or silence is noted in {@link #status()} and the session goes on. Once registered, a lost connection is
 * the session's loss. Loop-confined.
 */
final class HeartbeatLink {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLink.class);

    private enum State { IDLE, OPEN, CLOSED }

    private final ClientRuntime runtime;
    private final EventLoop loop;
    private final CameraOptions options;
    private final MctpClientConnection.Handler handler;

    private State state = State.IDLE;
    private HeartbeatStatus status = HeartbeatStatus.NOT_OPENED;
    private MctpClientConnection heartbeat;
    private MctpClientConnection alarms;

    HeartbeatLink(ClientRuntime runtime, EventLoop loop, CameraOptions options, MctpClientConnection.Handler handler) {
        this.runtime = runtime;
        this.loop = loop;
        this.options = options;
        this.handler = handler;
    }

    /** Whether {@code mode} opens a heartbeat to a server whose Server header is {@code server}. */
    static boolean wanted(Heartbeat mode, String server) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> ServerHeader.isGrandstream(server);
        };
    }

    /** MCTP registers a session id of exactly 8 letters or digits. */
    static boolean registrable(String sessionId) {
        return sessionId != null && sessionId.matches("[0-9A-Za-z]{8}");
    }

    HeartbeatStatus status() {
        return status;
    }

    /**
     * Opens, once PLAY was answered, what must be open before PLAYING: the heartbeat under
     * {@link Heartbeat#ON} and the alarm subscription; fails when either fails.
     *
     * @param server    the DESCRIBE answer's Server header
     * @param sessionId the RTSP session id, null when nothing was set up
     */
    CompletableFuture<Void> openRequired(String server, String sessionId) {
        if (state != State.IDLE) {
            throw new IllegalStateException("heartbeat link is " + state);
        }
        state = State.OPEN;
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        if (options.heartbeatMode() == Heartbeat.ON && startsHeartbeat(server, sessionId)) {
            done = registerHeartbeat(sessionId).thenAccept(status -> {
            });
        }
        if (options.alarmChannel().isPresent()) {
            int alarmChannel = options.alarmChannel().getAsInt();
            done = done.thenCompose(v -> connect(MctpMessage.ALARM_SESSION_ID, alarmChannel)).thenAccept(c -> alarms = keepUnlessClosed(c));
        }
        return done;
    }

    /**
     * Registers the heartbeat under {@link Heartbeat#AUTO} when the server is a Grandstream, once
     * playing; completes with the outcome (never fails). Empty when there is nothing to open.
     */
    Optional<CompletableFuture<HeartbeatStatus>> openOptional(String server, String sessionId) {
        if (options.heartbeatMode() != Heartbeat.AUTO || state != State.OPEN || !startsHeartbeat(server, sessionId)) {
            return Optional.empty();
        }
        return Optional.of(registerHeartbeat(sessionId).exceptionally(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            log.info("heartbeat {}: {}; the session goes on without it", status.label(), cause.getMessage());
            return status;
        }));
    }

    private boolean startsHeartbeat(String server, String sessionId) {
        if (sessionId == null || !wanted(options.heartbeatMode(), server)) {
            return false;
        }
        if (!registrable(sessionId)) {
            log.info("heartbeat skipped: session id '{}' is not the 8 characters MCTP registers", sessionId);
            return false;
        }
        return true;
    }

    /** Registers; completes with ACCEPTED, or fails with the reason after noting REFUSED or FAILED. */
    private CompletableFuture<HeartbeatStatus> registerHeartbeat(String sessionId) {
        status = HeartbeatStatus.OPENING;
        return connect(sessionId, options.url().channel().orElse(0)).handle((c, error) -> {
            if (error == null) {
                heartbeat = keepUnlessClosed(c);
                status = HeartbeatStatus.ACCEPTED;
                return status;
            }
            status = refusal(error) ? HeartbeatStatus.REFUSED : HeartbeatStatus.FAILED;
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
    }

    private static boolean refusal(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof CameraException c && c.kind() == Kind.HEARTBEAT_LOST;
    }

    /** A connection registered after {@link #close} ran would keep its keep-alives going forever: close it. */
    private MctpClientConnection keepUnlessClosed(MctpClientConnection c) {
        if (state == State.CLOSED) {
            c.close();
            return null;
        }
        return c;
    }

    private CompletableFuture<MctpClientConnection> connect(String id, int channel) {
        return MctpClientConnection.open(runtime, loop, options.url().host(), options.url().port(), id, channel,
                options.heartbeatInterval(), options.connectTimeout(), options.responseTimeout(), handler);
    }

    void close() {
        state = State.CLOSED;
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (alarms != null) {
            alarms.close();
        }
    }
}
