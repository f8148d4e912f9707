package io.gscam.server.transport;

import io.gscam.net.NettyTransport;
import io.gscam.net.UdpPortPair;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * The server's one pair of UDP sockets for RTP/AVP unicast. Every UDP session shares it, as
 * MediaMTX's 8000/8001 do, instead of a pair per session: a bounded number of sockets whatever the
 * number of readers, and a client tells sessions apart by the source SSRC anyway. Datagrams on the
 * RTCP port (receiver reports) go to a listener with their sender's address; those on the RTP port
 * (NAT keep-alives) are dropped.
 */
public final class ServerUdpSockets {
    private static final Logger log = LoggerFactory.getLogger(ServerUdpSockets.class);

    private ServerUdpSockets() {
    }

    /**
     * Binds RTP on {@code rtpPort} (even; 0: the first free even/odd pair) and RTCP on the next, on
     * {@code address}, and waits for them: called at start-up, never on an event loop.
     *
     * @param rtcpListener told of each datagram on the RTCP port: its sender and its bytes (owned by
     *                     the caller for the duration of the call only)
     */
    public static UdpPortPair bind(EventLoop loop, NettyTransport transport, InetAddress address, int rtpPort,
                                   BiConsumer<InetSocketAddress, ByteBuf> rtcpListener) throws IOException, InterruptedException {
        try {
            return UdpPortPair.bind(loop, transport.datagramChannels(), address, UdpPortPair.Ports.evenAt(rtpPort),
                    Discard::new, () -> new RtcpIn(rtcpListener)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
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
