package io.gscam.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * The server's one pair of UDP sockets for RTP/AVP unicast: RTP on an even port, RTCP on the next
 * (RFC 3550 11). Every UDP session shares it, as MediaMTX's 8000/8001 do, instead of a pair per
 * session: a bounded number of sockets whatever the number of readers, and a client tells sessions
 * apart by the source SSRC anyway. Both sockets live on one event loop so a reader's RTP and RTCP
 * writes never cross threads. Datagrams arriving on the RTCP socket (receiver reports) are passed to
 * the listener with their sender's address; those on the RTP socket (NAT keep-alives) are dropped.
 */
public final class UdpSocketPair implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpSocketPair.class);
    private static final int BIND_ATTEMPTS = 50;

    private final Channel rtp;
    private final Channel rtcp;

    private UdpSocketPair(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /**
     * Binds the pair on {@code address}: RTP on {@code rtpPort} (even) and RTCP on the next port; with
     * port 0, on the first free even/odd pair the system offers.
     *
     * @param rtcpListener told of each datagram on the RTCP port: its sender and its bytes (owned by
     *                     the caller for the duration of the call only)
     */
    public static UdpSocketPair bind(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory,
                                     InetAddress address, int rtpPort,
                                     BiConsumer<InetSocketAddress, ByteBuf> rtcpListener) throws InterruptedException {
        if (rtpPort % 2 != 0) {
            throw new IllegalArgumentException("the RTP port must be even: " + rtpPort);
        }
        Bootstrap b = new Bootstrap().group(loop).channelFactory(factory);
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Channel first = b.clone().handler(new Discard()).bind(address, rtpPort).await().channel();
            if (!first.isActive()) {
                throw new IllegalStateException("cannot bind the UDP RTP port " + address + ":" + rtpPort);
            }
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            if (port % 2 == 0 && port < 65535) {
                var second = b.clone().handler(new RtcpIn(rtcpListener)).bind(address, port + 1).await();
                if (second.isSuccess()) {
                    return new UdpSocketPair(first, second.channel());
                }
                if (rtpPort != 0) {
                    first.close().await();
                    throw new IllegalStateException("cannot bind the UDP RTCP port " + (port + 1), second.cause());
                }
            }
            first.close().await();
        }
        throw new IllegalStateException("no free even/odd UDP port pair after " + BIND_ATTEMPTS + " attempts");
    }

    public Channel rtp() {
        return rtp;
    }

    public Channel rtcp() {
        return rtcp;
    }

    /** The RTP port, even; RTCP is this plus one. */
    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    public int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    @Override
    public void close() {
        rtp.close().syncUninterruptibly();
        rtcp.close().syncUninterruptibly();
    }

    private static final class Discard extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            // RTP from a client is only ever a NAT keep-alive.
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("UDP RTP socket: {}", cause.toString());
        }
    }

    private static final class RtcpIn extends SimpleChannelInboundHandler<DatagramPacket> {
        private final BiConsumer<InetSocketAddress, ByteBuf> listener;

        RtcpIn(BiConsumer<InetSocketAddress, ByteBuf> listener) {
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            listener.accept(msg.sender(), msg.content());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable from a vanished client shows up here; it must not close the shared socket.
            log.debug("UDP RTCP socket: {}", cause.toString());
        }
    }
}
