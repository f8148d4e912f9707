package io.gscam.server.rtsp;

import io.gscam.net.NettyTransport;
import io.gscam.net.UdpPortPair;
import io.gscam.server.transport.ServerUdpSockets;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** The server's UDP pair on 127.0.0.1 with its own event loop, for tests whose SETUP answers name real ports. */
final class LoopbackUdp implements AutoCloseable {
    private final EventLoopGroup group;
    private final UdpPortPair pair;

    private LoopbackUdp(EventLoopGroup group, UdpPortPair pair) {
        this.group = group;
        this.pair = pair;
    }

    static LoopbackUdp bind() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        return new LoopbackUdp(group, ServerUdpSockets.bind(group.next(), NettyTransport.of(group),
                InetAddress.getLoopbackAddress(), 0, (a, b) -> { }));
    }

    UdpPortPair pair() {
        return pair;
    }

    @Override
    public void close() {
        pair.closeAndWait();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
