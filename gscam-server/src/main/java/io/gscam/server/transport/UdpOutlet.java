package io.gscam.server.transport;

import io.gscam.net.UdpPortPair;
import io.gscam.server.session.TrackTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;

import java.util.Map;

/**
 * RTP/AVP unicast UDP: packets go from the server's shared RTP socket to the client's RTP port,
 * sender reports from the shared RTCP socket to the client's RTCP port.
 */
public final class UdpOutlet extends TrackOutlet<TrackTransport.Udp> {
    private final UdpPortPair sockets;

    public UdpOutlet(UdpPortPair sockets, Map<Integer, TrackTransport.Udp> tracks) {
        super(sockets.rtp(), tracks);
        this.sockets = sockets;
    }

    @Override
    ChannelFuture writeRtp(TrackTransport.Udp destination, ByteBuf packet) {
        return socket.write(new DatagramPacket(packet, destination.clientRtp()));
    }

    @Override
    void writeRtcp(TrackTransport.Udp destination, ByteBuf packet) {
        sockets.rtcp().writeAndFlush(new DatagramPacket(packet, destination.clientRtcp()), sockets.rtcp().voidPromise());
    }
}
