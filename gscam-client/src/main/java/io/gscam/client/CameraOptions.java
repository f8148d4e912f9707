package io.gscam.client;

import io.gscam.media.g726.G726Packing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to open and how: immutable, made with {@link #builder(String)}.
 * <pre>{@code
 * CameraOptions options = CameraOptions.builder("rtsp://admin:admin@192.168.86.232:554/0")
 *         .transport(Transport.AUTO)
 *         .audio(false)
 *         .heartbeat(Heartbeat.ON)
 *         .alarmChannel(-1)
 *         .build();
 * }</pre>
 * {@link #toString()} shows the URL without its password.
 */
public final class CameraOptions {
    private final CameraUrl url;
    private final Transport transport;
    private final boolean video;
    private final boolean audio;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration mediaTimeout;
    private final Duration udpFallbackTimeout;
    private final int udpPortFirst;
    private final int udpPortLast;
    private final ReconnectPolicy reconnect;
    private final Heartbeat heartbeat;
    private final Duration heartbeatInterval;
    private final OptionalInt alarmChannel;
    private final String userAgent;
    private final int eventQueueCapacity;
    private final G726Packing g726Packing;
    private final boolean keyframeAfterLoss;

    private CameraOptions(Builder b) {
        this.url = b.url;
        this.transport = b.transport;
        this.video = b.video;
        this.audio = b.audio;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.mediaTimeout = b.mediaTimeout;
        this.udpFallbackTimeout = b.udpFallbackTimeout;
        this.udpPortFirst = b.udpPortFirst;
        this.udpPortLast = b.udpPortLast;
        this.reconnect = b.reconnect;
        this.heartbeat = b.heartbeat;
        this.heartbeatInterval = b.heartbeatInterval;
        this.alarmChannel = b.alarmChannel;
        this.userAgent = b.userAgent;
        this.eventQueueCapacity = b.eventQueueCapacity;
        this.g726Packing = b.g726Packing;
        this.keyframeAfterLoss = b.keyframeAfterLoss;
    }

    /** Options for this URL ({@code rtsp://[user:password@]host[:port]/path}) with every default. */
    public static Builder builder(String url) {
        return new Builder(CameraUrl.parse(url));
    }

    public static Builder builder(CameraUrl url) {
        return new Builder(url);
    }

    public Builder toBuilder() {
        Builder b = new Builder(url);
        b.transport = transport;
        b.video = video;
        b.audio = audio;
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.mediaTimeout = mediaTimeout;
        b.udpFallbackTimeout = udpFallbackTimeout;
        b.udpPortFirst = udpPortFirst;
        b.udpPortLast = udpPortLast;
        b.reconnect = reconnect;
        b.heartbeat = heartbeat;
        b.heartbeatInterval = heartbeatInterval;
        b.alarmChannel = alarmChannel;
        b.userAgent = userAgent;
        b.eventQueueCapacity = eventQueueCapacity;
        b.g726Packing = g726Packing;
        b.keyframeAfterLoss = keyframeAfterLoss;
        return b;
    }

    public CameraUrl url() {
        return url;
    }

    /** TCP by default. */
    public Transport transport() {
        return transport;
    }

    /** Whether to set up the video track (default yes). */
    public boolean video() {
        return video;
    }

    /** Whether to set up the audio track (default yes). */
    public boolean audio() {
        return audio;
    }

    /** TCP connect timeout (default 5 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the answer to each RTSP request or MCTP registration (default 10 s). */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** A PLAYING session that receives no RTP on any track this long is lost (default 10 s). */
    public Duration mediaTimeout() {
        return mediaTimeout;
    }

    /** With {@link Transport#AUTO}, how long UDP may stay silent before falling back to TCP (default 3 s). */
    public Duration udpFallbackTimeout() {
        return udpFallbackTimeout;
    }

    /** First port of the UDP client port range (default 50000); RTP ports are even. */
    public int udpPortFirst() {
        return udpPortFirst;
    }

    /** Last port of the UDP client port range (default 59999), inclusive. */
    public int udpPortLast() {
        return udpPortLast;
    }

    /** The range as {@code first-last}. */
    public String udpPortRange() {
        return udpPortFirst + "-" + udpPortLast;
    }

    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /**
     * When to open the Grandstream MCTP heartbeat connection ({@code @<session>@<channel>}) to the
     * camera's RTSP port once playing; default {@link Heartbeat#AUTO}: whenever the Server header
     * says GrandStream (DESIGN.md), as the spec's client application does.
     */
    public Heartbeat heartbeatMode() {
        return heartbeat;
    }

    /** Whether the heartbeat is always opened ({@link Heartbeat#ON}). */
    public boolean heartbeat() {
        return heartbeat == Heartbeat.ON;
    }

    /** Keep-alive period on the heartbeat and alarm connections (default 5 s, inside the camera's 10 s). */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The channel to subscribe to alarms for ({@code @FFFFFFFF@<channel>}, -1 for all); empty for none. */
    public OptionalInt alarmChannel() {
        return alarmChannel;
    }

    public String userAgent() {
        return userAgent;
    }

    /** How many media events {@link CameraSession#take} buffers before dropping new ones (default 1024). */
    public int eventQueueCapacity() {
        return eventQueueCapacity;
    }

    /**
     * The G.726 bit packing actually on the wire, for cameras that mislabel it (an rtpmap
     * {@code G726-32} carrying AAL2-packed code words, or the reverse); empty (default): as the rtpmap
     * name declares. With an override, frames still come out packed as the name declares, so a
     * recording or decoder that goes by the name reads them right.
     */
    public Optional<G726Packing> g726Packing() {
        return Optional.ofNullable(g726Packing);
    }

    /**
     * Whether H.264 video resumes after packet loss only at the next keyframe (a recorder's choice:
     * no frame whose reference was lost gets into a file); default no: at the next whole access unit,
     * leaving a decoder to conceal the missing reference.
     */
    public boolean keyframeAfterLoss() {
        return keyframeAfterLoss;
    }

    @Override
    public String toString() {
        return "CameraOptions{" + url + ", " + transport + (video ? ", video" : "") + (audio ? ", audio" : "")
                + (heartbeat == Heartbeat.ON ? ", heartbeat" : heartbeat == Heartbeat.OFF ? ", no heartbeat" : "") + (alarmChannel.isPresent() ? ", alarms " + alarmChannel.getAsInt() : "")
                + (g726Packing != null ? ", G.726 " + g726Packing : "") + '}';
    }

    /** Builds {@link CameraOptions}; every setter checks its argument. */
    public static final class Builder {
        private CameraUrl url;
        private Transport transport = Transport.TCP;
        private boolean video = true;
        private boolean audio = true;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private Duration mediaTimeout = Duration.ofSeconds(10);
        private Duration udpFallbackTimeout = Duration.ofSeconds(3);
        private int udpPortFirst = 50000;
        private int udpPortLast = 59999;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private Heartbeat heartbeat = Heartbeat.AUTO;
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private OptionalInt alarmChannel = OptionalInt.empty();
        private String userAgent = "gscam";
        private int eventQueueCapacity = 1024;
        private G726Packing g726Packing;
        private boolean keyframeAfterLoss;

        private Builder(CameraUrl url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder url(CameraUrl url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Replaces the URL's credentials (for callers that take them apart from the URL). */
        public Builder credentials(String user, String password) {
            this.url = url.withCredentials(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder video(boolean video) {
            this.video = video;
            return this;
        }

        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "response timeout");
            return this;
        }

        public Builder mediaTimeout(Duration timeout) {
            this.mediaTimeout = positive(timeout, "media timeout");
            return this;
        }

        public Builder udpFallbackTimeout(Duration timeout) {
            this.udpFallbackTimeout = positive(timeout, "UDP fallback timeout");
            return this;
        }

        /** The UDP client ports to choose pairs from, inclusive; at least one even/odd pair. */
        public Builder udpPortRange(int first, int last) {
            if (first < 1024 || last > 65535 || last < first) {
                throw new IllegalArgumentException("UDP port range " + first + "-" + last + " not within 1024-65535");
            }
            int firstEven = first + (first & 1);
            if (firstEven + 1 > last) {
                throw new IllegalArgumentException("UDP port range " + first + "-" + last + " holds no even/odd pair");
            }
            this.udpPortFirst = first;
            this.udpPortLast = last;
            return this;
        }

        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** {@code true}: {@link Heartbeat#ON}, {@code false}: {@link Heartbeat#OFF}. */
        public Builder heartbeat(boolean heartbeat) {
            this.heartbeat = heartbeat ? Heartbeat.ON : Heartbeat.OFF;
            return this;
        }

        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeat interval");
            return this;
        }

        /** Subscribe to alarms of this channel (0..n), or -1 for every channel. */
        public Builder alarmChannel(int channel) {
            if (channel < -1) {
                throw new IllegalArgumentException("alarm channel must be -1 (all) or a channel number: " + channel);
            }
            this.alarmChannel = OptionalInt.of(channel);
            return this;
        }

        public Builder noAlarms() {
            this.alarmChannel = OptionalInt.empty();
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        public Builder eventQueueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("event queue capacity must be positive: " + capacity);
            }
            this.eventQueueCapacity = capacity;
            return this;
        }

        /**
         * Take G.726 audio to be packed on the wire as {@code packing}, whatever its rtpmap name
         * says: for cameras that mislabel the packing. See {@link CameraOptions#g726Packing()}.
         */
        public Builder g726Packing(G726Packing packing) {
            this.g726Packing = Objects.requireNonNull(packing, "packing");
            return this;
        }

        /** G.726 packing as the rtpmap name declares (the default). */
        public Builder g726PackingAsLabelled() {
            this.g726Packing = null;
            return this;
        }

        /** See {@link CameraOptions#keyframeAfterLoss()}. */
        public Builder keyframeAfterLoss(boolean wait) {
            this.keyframeAfterLoss = wait;
            return this;
        }

        public CameraOptions build() {
            if (!video && !audio && alarmChannel.isEmpty()) {
                throw new IllegalStateException("neither video, audio nor alarms wanted");
            }
            return new CameraOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
