package io.gscam.server;

import io.gscam.protocol.Checks;
import io.gscam.server.limits.ConnectionLimits;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Where and how the RTSP server listens and sends.
 *
 * @param bindAddress          the address of the RTSP port and the UDP pair
 * @param rtspPort             the RTSP (and MCTP) TCP port; 0 for any free port
 * @param udpRtpPort           the shared UDP RTP port (even; RTCP is the next); 0 for any free pair
 * @param readerBufferBytes    each reader's byte budget, and the connection's write high-water mark
 * @param senderReportInterval how often a playing reader gets RTCP sender reports
 * @param limits               header and idle timeouts of each connection
 */
public record ServerConfig(InetAddress bindAddress, int rtspPort, int udpRtpPort, long readerBufferBytes,
                           Duration senderReportInterval, ConnectionLimits limits) {
    public ServerConfig {
        Checks.nonNull("bindAddress", bindAddress, "senderReportInterval", senderReportInterval, "limits", limits);
        if (readerBufferBytes <= 0 || readerBufferBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reader buffer bytes " + readerBufferBytes);
        }
        if (senderReportInterval.isZero() || senderReportInterval.isNegative()) {
            throw new IllegalArgumentException("sender report interval " + senderReportInterval);
        }
    }

    /** With the default limits: 10 s for a request, 60 s of silence. */
    public ServerConfig(InetAddress bindAddress, int rtspPort, int udpRtpPort, long readerBufferBytes,
                        Duration senderReportInterval) {
        this(bindAddress, rtspPort, udpRtpPort, readerBufferBytes, senderReportInterval, ConnectionLimits.DEFAULT);
    }
}
