package io.gscam.net;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one epoll-or-NIO choice of client and server (DESIGN.md: epoll where available): the
 * event-loop group and the channel factories that fit it.
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

    /** The transport that fits {@code group} (a group the caller made itself, of either kind). */
    public static NettyTransport of(EventLoopGroup group) {
        return new NettyTransport(Epoll.isAvailable() && group instanceof IoEventLoopGroup io
                && io.isIoType(EpollIoHandler.class));
    }

    public boolean isEpoll() {
        return epoll;
    }

    /** A new event-loop group of daemon threads named {@code threadPrefix}, Netty's default count. */
    public EventLoopGroup newGroup(String threadPrefix) {
        return newGroup(threadPrefix, 0, true);
    }

    /** A new event-loop group of {@code threads} threads (0: Netty's default, two per core). */
    public EventLoopGroup newGroup(String threadPrefix, int threads, boolean daemon) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, daemon),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public ChannelFactory<? extends ServerChannel> serverChannels() {
        return epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    }

    public ChannelFactory<? extends SocketChannel> socketChannels() {
        return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
    }

    public ChannelFactory<? extends DatagramChannel> datagramChannels() {
        return epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
