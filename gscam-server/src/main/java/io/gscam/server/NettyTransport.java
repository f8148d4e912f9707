package io.gscam.server;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one epoll-or-NIO choice of the server (DESIGN.md: epoll where available): the event-loop
 * group and the matching server-socket and datagram channel factories. Kept in one class so the
 * client can share it later.
 */
public final class NettyTransport {
    private final boolean epoll;

    private NettyTransport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when the native library loads, else NIO. */
    public static NettyTransport best() {
        return new NettyTransport(Epoll.isAvailable());
    }

    public boolean isEpoll() {
        return epoll;
    }

    /** A new event-loop group of daemon threads named {@code threadPrefix}, one per core. */
    public EventLoopGroup newGroup(String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory(threadPrefix, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public ChannelFactory<? extends ServerChannel> serverChannels() {
        return epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    }

    public ChannelFactory<? extends DatagramChannel> datagramChannels() {
        return epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
