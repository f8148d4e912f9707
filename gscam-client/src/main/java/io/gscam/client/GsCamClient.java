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
 *
 * <h2>SDP files</h2>
 * A {@code file:} URL opens the RTP/UDP session a local SDP file describes, as
 * {@code ffmpeg -protocol_whitelist file,udp,rtp -i stream.sdp} does (for example the file
 * {@code ffmpeg ... -f rtp rtp://127.0.0.1:5004 -sdp_file stream.sdp} writes):
 * <pre>{@code
 * CameraSession stream = client.open(CameraOptions.builder(CameraUrl.sdpFile(Path.of("stream.sdp"))).build(), recorder);
 * }</pre>
 * It binds the UDP port of each wanted m= line whose codec the registry reads (RTCP on the next port,
 * or {@code a=rtcp}), on every local address; the {@code c=} address must be unicast (multicast is
 * refused with an error). Frames, loss and stream info arrive as from a camera ({@link StreamInfo#transport()}
 * UDP, no session id, a session timeout of 0, {@link StreamInfo#server()} the SDP's {@code a=tool}).
 * There is no RTSP, so no reconnect: the session goes CONNECTING, PLAYING once the ports are bound,
 * then CLOSED on {@link CameraSession#close()}, or FAILED with {@link CameraException.Kind#NO_MEDIA}
 * when nothing arrives for {@link CameraOptions#mediaTimeout()}. Its {@link CameraSession#options()}
 * say so ({@link Transport#UDP}, {@link ReconnectPolicy#NEVER}); options that need RTSP (connect and
 * response timeouts, UDP port range) do not apply, and asking for the MCTP heartbeat or alarms fails.
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

    /**
     * Opens a session whose events are read with {@link CameraSession#take(java.time.Duration)}.
     *
     * @throws IllegalArgumentException for an SDP file with the heartbeat or alarms asked for
     */
    public CameraSession open(CameraOptions options) {
        return start(options, null);
    }

    /**
     * Opens a session that delivers to {@code listener} (on the session's I/O thread).
     *
     * @throws IllegalArgumentException for an SDP file with the heartbeat or alarms asked for
     */
    public CameraSession open(CameraOptions options, CameraListener listener) {
        return start(options, Objects.requireNonNull(listener, "listener"));
    }

    private CameraSession start(CameraOptions options, CameraListener listener) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        if (options.url().sdpFile().isPresent()) {
            options = sdpFileOptions(options);
        }
        CameraSessionImpl session = new CameraSessionImpl(runtime, options, listener, sessions::remove);
        sessions.add(session);
        session.start();
        return session;
    }

    /** An SDP file's session: UDP, never reconnected; MCTP needs an RTSP camera. */
    private static CameraOptions sdpFileOptions(CameraOptions options) {
        if (options.heartbeat() || options.alarmChannel().isPresent()) {
            throw new IllegalArgumentException("an SDP file has no camera to ask for the heartbeat or alarms: "
                    + options.url());
        }
        return options.toBuilder().transport(Transport.UDP).reconnect(ReconnectPolicy.NEVER).build();
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
