package io.gscam.client;

/** How RTP reaches the client. */
public enum Transport {
    /** RTP and RTCP interleaved in the RTSP TCP connection ({@code RTP/AVP/TCP;interleaved=0-1}). */
    TCP,
    /** RTP and RTCP over UDP unicast, on a client port pair from {@link CameraOptions#udpPortRange()}. */
    UDP,
    /**
     * UDP first; when no RTP packet arrives within {@link CameraOptions#udpFallbackTimeout()} (3 s, as
     * ffmpeg), the session is torn down and a new one is set up over TCP. The transport that won is
     * reported in {@link StreamInfo#transport()} and kept for reconnects.
     */
    AUTO
}
