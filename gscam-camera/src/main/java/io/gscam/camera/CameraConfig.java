package io.gscam.camera;

import io.gscam.protocol.Checks;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.PortRule;

import io.gscam.server.limits.ConnectionLimits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the camera emulator is configured with. Immutable; {@link #defaults()} is the
 * command line's defaults, {@link #toBuilder()} changes some.
 *
 * @param bindAddress          where the RTSP (and HTTP) sockets listen; 0.0.0.0 by default
 * @param httpPort             the HTTP port P (default 6554); RTSP follows the spec's port rule
 * @param rtspPort             the RTSP port; -1 means "by the port rule from httpPort", 0 any free port
 * @param udpRtpPort           the even UDP port for RTP/AVP unicast (RTCP on the next); 0 any free pair
 * @param user                 the camera's account, for Digest (and Basic when enabled)
 * @param password             the account's password
 * @param basicAuth            also accept Basic credentials (Digest is always offered)
 * @param model                DVS (channels 0..7) or IP camera (0 and 4)
 * @param channels             per channel what it sends; missing channels use {@link ChannelMedia#DEFAULT}
 * @param encoder              {@code builtin} (shipped loops) or {@code ffmpeg} (live, when installed)
 * @param sessionTimeout       a session without request or RTCP report for this long ends (spec: 120 s)
 * @param fuaSize              bytes of NAL payload per FU-A fragment (spec: 1024)
 * @param senderReportInterval how often each playing track gets an RTCP sender report (at most 5 s)
 * @param readerBufferBytes    per reader, the most bytes queued before it skips to the next keyframe
 * @param streamLinger         how long a channel's stream runs on after its last reader left
 * @param limits               header timeout (10 s) and idle timeout (60 s) of each RTSP and HTTP connection
 */
public record CameraConfig(InetAddress bindAddress, int httpPort, int rtspPort, int udpRtpPort,
                           String user, String password, boolean basicAuth, DeviceModel model,
                           Map<Integer, ChannelMedia> channels, String encoder, Duration sessionTimeout,
                           int fuaSize, Duration senderReportInterval, long readerBufferBytes,
                           Duration streamLinger, ConnectionLimits limits) {
    public static final int DEFAULT_HTTP_PORT = 6554;
    public static final String DEFAULT_USER = "admin";
    public static final String DEFAULT_PASSWORD = "admin";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(120);

    public CameraConfig {
        Checks.nonNull("bindAddress", bindAddress, "user", user, "password", password, "model", model,
                "encoder", encoder, "limits", limits);
        channels = Map.copyOf(channels);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port " + httpPort);
        }
        if (rtspPort < -1 || rtspPort > 65535) {
            throw new IllegalArgumentException("RTSP port " + rtspPort);
        }
        if (udpRtpPort < 0 || udpRtpPort > 65534 || udpRtpPort % 2 != 0) {
            throw new IllegalArgumentException("UDP RTP port must be even, 0..65534: " + udpRtpPort);
        }
        if (sessionTimeout.isZero() || sessionTimeout.isNegative()) {
            throw new IllegalArgumentException("session timeout " + sessionTimeout);
        }
        if (fuaSize < 16 || fuaSize > 65000) {
            throw new IllegalArgumentException("FU-A size " + fuaSize);
        }
        if (senderReportInterval.isZero() || senderReportInterval.isNegative()) {
            throw new IllegalArgumentException("sender report interval " + senderReportInterval);
        }
        if (readerBufferBytes < 64 * 1024) {
            throw new IllegalArgumentException("reader buffer must be at least 64 KiB: " + readerBufferBytes);
        }
        for (int ch : channels.keySet()) {
            if (ch < 0 || ch > 7) {
                throw new IllegalArgumentException("channel " + ch + " not in 0..7");
            }
        }
    }

    /** The command line's defaults: 0.0.0.0, HTTP 6554 (so RTSP 8554), admin/admin, DVS, built-in media. */
    public static CameraConfig defaults() {
        InetAddress any;
        try {
            any = InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return new CameraConfig(any, DEFAULT_HTTP_PORT, -1, 0, DEFAULT_USER, DEFAULT_PASSWORD, false,
                DeviceModel.DVS, Map.of(), "builtin", DEFAULT_SESSION_TIMEOUT, 1024, Duration.ofSeconds(5),
                2L * 1024 * 1024, Duration.ofSeconds(10), ConnectionLimits.DEFAULT);
    }

    /** The RTSP port to bind: the override, or the spec's rule (554 for HTTP 80, else 2000 + P). */
    public int effectiveRtspPort() {
        return rtspPort >= 0 ? rtspPort : PortRule.rtspPortFor(httpPort);
    }

    /** What {@code channel} sends. */
    public ChannelMedia media(int channel) {
        return channels.getOrDefault(channel, ChannelMedia.DEFAULT);
    }

    /** Whether the account is still the factory default, which start-up warns about. */
    public boolean usesDefaultCredentials() {
        return DEFAULT_USER.equals(user) && DEFAULT_PASSWORD.equals(password);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some fields of a config. */
    public static final class Builder {
        private InetAddress bindAddress;
        private int httpPort;
        private int rtspPort;
        private int udpRtpPort;
        private String user;
        private String password;
        private boolean basicAuth;
        private DeviceModel model;
        private final Map<Integer, ChannelMedia> channels;
        private String encoder;
        private Duration sessionTimeout;
        private ConnectionLimits limits;
        private int fuaSize;
        private Duration senderReportInterval;
        private long readerBufferBytes;
        private Duration streamLinger;

        private Builder(CameraConfig c) {
            bindAddress = c.bindAddress;
            httpPort = c.httpPort;
            rtspPort = c.rtspPort;
            udpRtpPort = c.udpRtpPort;
            user = c.user;
            password = c.password;
            basicAuth = c.basicAuth;
            model = c.model;
            channels = new TreeMap<>(c.channels);
            encoder = c.encoder;
            sessionTimeout = c.sessionTimeout;
            limits = c.limits;
            fuaSize = c.fuaSize;
            senderReportInterval = c.senderReportInterval;
            readerBufferBytes = c.readerBufferBytes;
            streamLinger = c.streamLinger;
        }

        public Builder bindAddress(InetAddress v) { bindAddress = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder rtspPort(int v) { rtspPort = v; return this; }
        public Builder udpRtpPort(int v) { udpRtpPort = v; return this; }
        public Builder account(String u, String p) { user = u; password = p; return this; }
        public Builder basicAuth(boolean v) { basicAuth = v; return this; }
        public Builder model(DeviceModel v) { model = v; return this; }
        public Builder channel(int ch, ChannelMedia media) { channels.put(ch, media); return this; }
        public Builder encoder(String v) { encoder = v; return this; }
        public Builder sessionTimeout(Duration v) { sessionTimeout = v; return this; }
        public Builder limits(ConnectionLimits v) { limits = v; return this; }
        public Builder fuaSize(int v) { fuaSize = v; return this; }
        public Builder senderReportInterval(Duration v) { senderReportInterval = v; return this; }
        public Builder readerBufferBytes(long v) { readerBufferBytes = v; return this; }
        public Builder streamLinger(Duration v) { streamLinger = v; return this; }

        /** The media of {@code ch} as currently configured here. */
        public ChannelMedia media(int ch) {
            return channels.getOrDefault(ch, ChannelMedia.DEFAULT);
        }

        public CameraConfig build() {
            return new CameraConfig(bindAddress, httpPort, rtspPort, udpRtpPort, user, password, basicAuth, model,
                    channels, encoder, sessionTimeout, fuaSize, senderReportInterval, readerBufferBytes, streamLinger,
                    limits);
        }
    }
}
