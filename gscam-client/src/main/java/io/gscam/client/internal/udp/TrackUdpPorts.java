package io.gscam.client.internal.udp;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.net.UdpPortPair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One track's UDP sockets on the client side: a {@link UdpPortPair} (the binder client and server
 * share) whose datagrams go to a {@link Receiver} as bytes with their sender, and which sends
 * receiver reports and NAT punches from the ports the camera knows.
 */
public final class TrackUdpPorts {
    /** One datagram: payload bytes and where it came from. */
    public interface Receiver {
        void onDatagram(byte[] data, InetSocketAddress sender);
    }

    private final UdpPortPair pair;

    private TrackUdpPorts(UdpPortPair pair) {
        this.pair = pair;
    }

    /**
     * Binds a pair from {@code first..last} on every local address, starting at a random pair so
     * that sessions opened at once rarely race for the same ports; the receivers run on {@code loop}.
     */
    public static CompletableFuture<TrackUdpPorts> bind(ClientRuntime runtime, EventLoop loop, int first, int last,
                                                        Receiver rtpReceiver, Receiver rtcpReceiver) {
        return bind(runtime, loop, new UdpPortPair.Ports.Range(first, last, ThreadLocalRandom.current()), rtpReceiver, rtcpReceiver);
    }

    /**
     * Binds exactly {@code rtpPort} and {@code rtcpPort} on every local address (an SDP file names the
     * ports the sender sends to); fails with a message naming the port that is taken.
     */
    public static CompletableFuture<TrackUdpPorts> bindExactly(ClientRuntime runtime, EventLoop loop, int rtpPort, int rtcpPort,
                                                               Receiver rtpReceiver, Receiver rtcpReceiver) {
        return bind(runtime, loop, new UdpPortPair.Ports.Exactly(rtpPort, rtcpPort), rtpReceiver, rtcpReceiver);
    }

    private static CompletableFuture<TrackUdpPorts> bind(ClientRuntime runtime, EventLoop loop, UdpPortPair.Ports ports,
                                                         Receiver rtpReceiver, Receiver rtcpReceiver) {
        return UdpPortPair.bind(loop, runtime.transport().datagramChannels(), null, ports,
                        () -> new Datagrams(rtpReceiver), () -> new Datagrams(rtcpReceiver))
                .handle((pair, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
                        throw new CompletionException(new CameraException(Kind.IO, cause.getMessage(), cause));
                    }
                    return new TrackUdpPorts(pair);
                });
    }

    public int rtpPort() {
        return pair.rtpPort();
    }

    public int rtcpPort() {
        return pair.rtcpPort();
    }

    /** Sends from the RTCP socket (receiver reports go from the port the server knows). */
    public void sendRtcp(byte[] packet, InetSocketAddress to) {
        pair.rtcp().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to), pair.rtcp().voidPromise());
    }

    /** Sends from the RTP socket (NAT punching). */
    public void sendRtp(byte[] packet, InetSocketAddress to) {
        pair.rtp().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to), pair.rtp().voidPromise());
    }

    public void close() {
        pair.close();
    }

    /** Copies each datagram out (the media plane keeps bytes past the read) and hands it on. */
    private static final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Receiver receiver;

        Datagrams(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            receiver.onDatagram(data, packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: UDP goes on.
        }
    }
}
