package io.gscam.client;

import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.session.CameraSessionImpl;
import io.gscam.media.rtp.PayloadFormats;
import io.netty.channel.EventLoopGroup;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: one per application, shared by every camera it opens (as OkHttp's client). Holds
 * the I/O threads (one Netty event-loop group; epoll where available), the clock and the payload
 * format registry. Closing it closes every session it opened.
 * <pre>{@code
 * try (GsCamClient client = GsCamClient.create()) {
 *     CameraSession camera = client.open(CameraOptions.builder("rtsp://admin:admin@10.0.0.5:554/0").build(),
 *             new CameraListener() {
 *                 public void onVideo(VideoFrame frame) { recorder.write(frame); }
 *                 public void onStateChange(StateChange change) { log.info("camera {}", change); }
 *             });
 *     ...
 *     camera.close();
 * }
 * }</pre>
 */
public final class GsCamClient implements AutoCloseable {
    private final ClientRuntime runtime;
    private final Set<CameraSessionImpl> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private GsCamClient(Builder b) {
        this.runtime = ClientRuntime.create(b.eventLoopGroup, b.ioThreads, b.clock, b.payloadFormats);
    }

    /** A client with its own I/O threads, the system clock and every payload format gscam implements. */
    public static GsCamClient create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens a session whose events are read with {@link CameraSession#take(java.time.Duration)}. */
    public CameraSession open(CameraOptions options) {
        return start(options, null);
    }

    /** Opens a session that delivers to {@code listener} (on the session's I/O thread). */
    public CameraSession open(CameraOptions options, CameraListener listener) {
        return start(options, Objects.requireNonNull(listener, "listener"));
    }

    private CameraSession start(CameraOptions options, CameraListener listener) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        CameraSessionImpl session = new CameraSessionImpl(runtime, options, listener, sessions::remove);
        sessions.add(session);
        session.start();
        return session;
    }

    /** The clock frames and alarms are stamped with. */
    public Clock clock() {
        return runtime.clock();
    }

    /** Closes every open session (sending TEARDOWN) and stops the I/O threads the client created. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CameraSessionImpl s : sessions) {
            s.close();
        }
        runtime.close();
    }

    /** Builds a {@link GsCamClient}. */
    public static final class Builder {
        private EventLoopGroup eventLoopGroup;
        private int ioThreads;
        private Clock clock = Clock.systemUTC();
        private PayloadFormats payloadFormats = PayloadFormats.standard();

        private Builder() {
        }

        /**
         * Share an existing Netty group (NIO or epoll) instead of creating one; the client then does not
         * shut it down. Timers (keep-alives, timeouts, reconnect delays) run on it too.
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = Objects.requireNonNull(group, "group");
            return this;
        }

        /** I/O threads of a group the client creates; 0 (default) lets Netty choose (2 x cores). */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("I/O threads must not be negative: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /** The clock that stamps {@code receivedAt} and measures media and heartbeat silence. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The depacketizers, by rtpmap encoding name. */
        public Builder payloadFormats(PayloadFormats formats) {
            this.payloadFormats = Objects.requireNonNull(formats, "formats");
            return this;
        }

        public GsCamClient build() {
            return new GsCamClient(this);
        }
    }
}
