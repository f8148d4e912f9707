package io.gscam.server.rtsp;

import io.gscam.net.NettyTransport;
import io.gscam.net.UdpPortPair;
import io.gscam.server.transport.ServerUdpSockets;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * The server's RTP/RTCP port pair on 127.0.0.1 for the rule tests of a class, on its own event
 * loop, bound before the first test and closed after the last:
 * {@code @RegisterExtension static final LoopbackUdpPorts UDP = new LoopbackUdpPorts();}
 */
final class LoopbackUdpPorts implements BeforeAllCallback, AfterAllCallback {
    private EventLoopGroup group;
    private UdpPortPair ports;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ports = ServerUdpSockets.bind(group.next(), NettyTransport.of(group), InetAddress.getLoopbackAddress(), 0, (a, b) -> { });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ports != null) {
            ports.closeAndWait();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    UdpPortPair ports() {
        return ports;
    }
}
