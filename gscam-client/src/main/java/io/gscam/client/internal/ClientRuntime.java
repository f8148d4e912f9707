package io.gscam.client.internal;

import io.gscam.media.rtp.PayloadFormats;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * What every session of one client shares: the event-loop group with the channel classes that fit
 * it, the clock and the payload format registry.
 */
public record ClientRuntime(EventLoopGroup group, boolean ownsGroup, Class<? extends SocketChannel> socketChannel,
                            Class<? extends DatagramChannel> datagramChannel, Clock clock, PayloadFormats payloadFormats) {

    /** With {@code group} null, creates an epoll (else NIO) group of {@code threads} threads (0: Netty's default). */
    public static ClientRuntime create(EventLoopGroup group, int threads, Clock clock, PayloadFormats formats) {
        boolean owns = group == null;
        if (owns) {
            group = new MultiThreadIoEventLoopGroup(threads,
                    Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        }
        boolean epoll = Epoll.isAvailable() && group instanceof io.netty.channel.IoEventLoopGroup io
                && io.isIoType(EpollIoHandler.class);
        return new ClientRuntime(group, owns,
                epoll ? EpollSocketChannel.class : NioSocketChannel.class,
                epoll ? EpollDatagramChannel.class : NioDatagramChannel.class,
                clock, formats);
    }

    /**
     * Monotonic nanoseconds for timeouts and RTCP: System.nanoTime() with the system clock, the
     * injected clock's millis otherwise (so tests on a fixed or stepped clock control time).
     */
    public long nanoTime() {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())
                ? System.nanoTime() : clock.millis() * 1_000_000L;
    }

    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }
}
