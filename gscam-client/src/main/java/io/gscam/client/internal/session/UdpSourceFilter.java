package io.gscam.client.internal.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a datagram on the client ports comes from the camera: the RTSP peer's address or a SETUP
 * answer's Transport {@code source}. Any port is accepted (cameras behind NAT send from others), as
 * gortsplib does; other hosts cannot inject packets into the stream. Loop-confined.
 */
final class UdpSourceFilter {
    private static final Logger log = LoggerFactory.getLogger(UdpSourceFilter.class);

    private final String cameraHost;
    private InetAddress cameraAddress;
    private final Set<InetAddress> sources = new HashSet<>();
    private long foreign;

    /** @param cameraHost the host of the URL, for the log line until the address is known */
    UdpSourceFilter(String cameraHost) {
        this.cameraHost = cameraHost;
    }

    /** The RTSP connection's peer. */
    void camera(InetAddress address) {
        this.cameraAddress = address;
    }

    InetAddress camera() {
        return cameraAddress;
    }

    /** A Transport {@code source} the camera named. */
    void addSource(InetAddress address) {
        sources.add(address);
    }

    boolean accepts(InetSocketAddress sender) {
        InetAddress from = sender.getAddress();
        if (from == null || from.equals(cameraAddress) || sources.contains(from)) {
            return true;
        }
        foreign++;
        if (foreign == 1) {
            log.info("UDP datagram from {}, not the camera {}: ignored (and any more)", from.getHostAddress(),
                    cameraAddress == null ? cameraHost : cameraAddress.getHostAddress());
        }
        return false;
    }

    /** Datagrams refused so far. */
    long foreignDatagrams() {
        return foreign;
    }
}
