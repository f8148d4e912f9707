package io.gscam.server.transport;

import io.gscam.net.UdpPortPair;
import io.gscam.server.session.TrackTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;

/**
 * RTP/AVP unicast UDP: packets go from the server's shared RTP socket to the client's RTP port,
 * sender reports from the shared RTCP socket to the client's RTCP port.
 */
public final class UdpOutlet implements PacketOutlet {
    private final UdpPortPair sockets;
    private final Map<Integer, TrackTransport.Udp> tracks;

    public UdpOutlet(UdpPortPair sockets, Map<Integer, TrackTransport.Udp> tracks) {
        this.sockets = sockets;
        this.tracks = Map.copyOf(tracks);
    }

    @Override
    public EventExecutor executor() {
        return sockets.rtp().eventLoop();
    }

    @Override
    public boolean isOpen() {
        return sockets.rtp().isActive();
    }

    @Override
    public void writeRtp(int track, ByteBuf packet, Runnable done) {
        TrackTransport.Udp t = tracks.get(track);
        if (t == null) {
            ReferenceCountUtil.release(packet);
            done.run();
            return;
        }
        sockets.rtp().write(new DatagramPacket(packet, t.clientRtp())).addListener(f -> done.run());
    }

    @Override
    public void writeRtcp(int track, ByteBuf packet) {
        TrackTransport.Udp t = tracks.get(track);
        if (t == null) {
            ReferenceCountUtil.release(packet);
            return;
        }
        sockets.rtcp().writeAndFlush(new DatagramPacket(packet, t.clientRtcp()), sockets.rtcp().voidPromise());
    }

    @Override
    public void flush() {
        sockets.rtp().flush();
    }
}
