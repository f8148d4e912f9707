package io.gscam.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** Ports for peers that cannot be told port 0 (ffmpeg's RTP muxer wants RTP on an even port, RTCP on the next). */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * An even UDP port on 127.0.0.1 whose odd neighbour is free too, found by binding port 0 and
     * released at once for the peer to bind.
     */
    public static int evenUdpPair() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 100; i++) {
            int candidate;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                candidate = s.getLocalPort();
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
            if ((candidate & 1) != 0 || candidate >= 65533) {
                continue;
            }
            try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(loopback, candidate));
                 DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(loopback, candidate + 1))) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new AssertionError("no free even UDP port pair on 127.0.0.1");
    }
}
