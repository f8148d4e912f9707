package io.gscam.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the RTSP server listens and sends.
 *
 * @param bindAddress          the address of the RTSP port and the UDP pair
 * @param rtspPort             the RTSP (and MCTP) TCP port; 0 for any free port
 * @param udpRtpPort           the shared UDP RTP port (even; RTCP is the next); 0 for any free pair
 * @param readerBufferBytes    each reader's byte budget, and the connection's write high-water mark
 * @param senderReportInterval how often a playing reader gets RTCP sender reports
 */
public record ServerConfig(InetAddress bindAddress, int rtspPort, int udpRtpPort, long readerBufferBytes,
                           Duration senderReportInterval) {
    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(senderReportInterval, "senderReportInterval");
        if (readerBufferBytes <= 0 || readerBufferBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("reader buffer bytes " + readerBufferBytes);
        }
        if (senderReportInterval.isZero() || senderReportInterval.isNegative()) {
            throw new IllegalArgumentException("sender report interval " + senderReportInterval);
        }
    }
}
