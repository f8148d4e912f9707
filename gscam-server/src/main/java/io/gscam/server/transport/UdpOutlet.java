package io.gscam.server.transport;

import io.gscam.net.UdpPortPair;
import io.gscam.server.session.TrackTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;

import java.util.Map;

/**
 * RTP/AVP unicast UDP: packets go from the server's shared RTP socket to the client's RTP port,
 * sender reports from the shared RTCP socket to the client's RTCP port. The socket is shared, so
 * what is pending is counted per outlet: added as a datagram is written, taken off once it has left.
 */
public final class UdpOutlet extends TrackOutlet<TrackTransport.Udp> {
    private final UdpPortPair sockets;
    /** Changed on the RTP socket's event loop only (writes and their listeners run there). */
    private long pending;

    public UdpOutlet(UdpPortPair sockets, Map<Integer, TrackTransport.Udp> tracks) {
        super(sockets.rtp(), tracks);
        this.sockets = sockets;
    }

    @Override
    public long pendingBytes() {
        return pending;
    }

    @Override
    void write(TrackTransport.Udp destination, PacketBatch batch) {
        for (int i = 0; i < batch.packetCount(); i++) {
            ByteBuf packet = batch.packet(i).retainedDuplicate();
            int size = packet.readableBytes();
            pending += size;
            socket.write(new DatagramPacket(packet, destination.clientRtp())).addListener(f -> pending -= size);
        }
    }

    @Override
    void writeRtcp(TrackTransport.Udp destination, ByteBuf packet) {
        sockets.rtcp().writeAndFlush(new DatagramPacket(packet, destination.clientRtcp()), sockets.rtcp().voidPromise());
    }
}
