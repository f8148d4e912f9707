package io.gscam.server.rtsp;

import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.TrackTransport;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * SETUP's transport choice: the first alternative of the client's Transport header the server can
 * serve, RTP/AVP unicast over TCP (interleaved) or UDP, as the agreed Transport of the answer. One
 * session keeps one lower transport for all its tracks, interleaved channels never collide, and UDP
 * goes only to the requester's own address (never a third party's, which would make the server a
 * traffic reflector: {@code destination=} is never honoured) and never to port 0.
 */
final class TransportNegotiation {
    /** What was agreed: how the track is sent, and the Transport header value that says so. */
    record Chosen(TrackTransport transport, TransportSpec spec) {
    }

    private TransportNegotiation() {
    }

    /**
     * @param peer       the requester's address
     * @param serverUdp  the server's UDP RTP/RTCP ports
     * @param session    the session the track joins, or null for a new one
     * @return the agreement, or null (461)
     */
    static Chosen choose(TransportHeader header, int track, RtspSession session, InetSocketAddress peer,
                         PortRange serverUdp) {
        boolean tcpOnly = session != null && session.usesInterleaved();
        boolean udpOnly = session != null && !session.tracks().isEmpty() && !tcpOnly;
        for (TransportSpec spec : header.specs()) {
            if (!"RTP".equalsIgnoreCase(spec.protocol()) || !"AVP".equalsIgnoreCase(spec.profile()) || spec.isMulticast()) {
                continue;
            }
            if (spec.lowerTransport() == TransportSpec.LowerTransport.TCP && !udpOnly) {
                ChannelPair pair = spec.interleaved().orElse(new ChannelPair(2 * track, 2 * track + 1));
                if (session != null && channelTaken(session, track, pair)) {
                    continue;
                }
                return new Chosen(new TrackTransport.Interleaved(pair.rtp(), pair.rtcp()),
                        TransportSpec.builder().protocol("RTP", "AVP").lowerTransport(TransportSpec.LowerTransport.TCP)
                                .delivery(TransportSpec.Delivery.UNICAST).interleaved(pair).build());
            }
            if (spec.lowerTransport() == TransportSpec.LowerTransport.UDP && !tcpOnly && spec.clientPort().isPresent()) {
                PortRange client = spec.clientPort().get();
                if (client.rtp() == 0 || client.rtcp() == 0) {
                    continue; // port 0 is nobody's: no packet could arrive
                }
                String destination = spec.destination().orElse(null);
                if (destination != null && !destination.equals(peer.getAddress().getHostAddress())) {
                    continue;
                }
                TrackTransport.Udp udp = new TrackTransport.Udp(new InetSocketAddress(peer.getAddress(), client.rtp()),
                        new InetSocketAddress(peer.getAddress(), client.rtcp()));
                return new Chosen(udp, TransportSpec.builder().protocol("RTP", "AVP")
                        .delivery(TransportSpec.Delivery.UNICAST).clientPort(client)
                        .serverPort(serverUdp).build());
            }
        }
        return null;
    }

    private static boolean channelTaken(RtspSession session, int track, ChannelPair pair) {
        for (Map.Entry<Integer, TrackTransport> e : session.tracks().entrySet()) {
            if (e.getKey() != track && e.getValue() instanceof TrackTransport.Interleaved i
                    && (i.rtpChannel() == pair.rtp() || i.rtcpChannel() == pair.rtp()
                    || i.rtpChannel() == pair.rtcp() || i.rtcpChannel() == pair.rtcp())) {
                return true;
            }
        }
        return false;
    }
}
