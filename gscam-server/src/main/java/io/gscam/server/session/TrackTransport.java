package io.gscam.server.session;

import java.net.InetSocketAddress;
import java.util.Objects;

/** How one track of a session reaches its client, as its SETUP agreed. */
public sealed interface TrackTransport {

    /**
     * RTP/AVP/TCP interleaved on the session's RTSP connection: RTP on {@code rtpChannel}, RTCP on
     * {@code rtcpChannel} (the client's choice, normally rtpChannel + 1).
     */
    record Interleaved(int rtpChannel, int rtcpChannel) implements TrackTransport {
        public Interleaved {
            if (rtpChannel < 0 || rtpChannel > 255 || rtcpChannel < 0 || rtcpChannel > 255) {
                throw new IllegalArgumentException("interleaved channels must be 0..255: " + rtpChannel + "-" + rtcpChannel);
            }
        }
    }

    /** RTP/AVP unicast UDP to the client's RTP and RTCP addresses. */
    record Udp(InetSocketAddress clientRtp, InetSocketAddress clientRtcp) implements TrackTransport {
        public Udp {
            Objects.requireNonNull(clientRtp, "clientRtp");
            Objects.requireNonNull(clientRtcp, "clientRtcp");
        }
    }
}
