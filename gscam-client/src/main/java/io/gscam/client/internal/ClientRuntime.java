package io.gscam.client.internal;

import io.gscam.media.rtp.PayloadFormats;
import io.gscam.net.NettyTransport;
import io.netty.channel.EventLoopGroup;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What every session of one client shares: the event-loop group with the channel classes that fit
 * it, the clock, the payload format registry and the thread that looks up host names.
 */
public record ClientRuntime(EventLoopGroup group, boolean ownsGroup, NettyTransport transport, Clock clock,
                            PayloadFormats payloadFormats, ExecutorService resolver) {

    /** With {@code group} null, creates an epoll (else NIO) group of {@code threads} threads (0: Netty's default). */
    public static ClientRuntime create(EventLoopGroup group, int threads, Clock clock, PayloadFormats formats) {
        boolean owns = group == null;
        if (owns) {
            group = NettyTransport.best().newGroup("gscam-client", threads, false);
        }
        return new ClientRuntime(group, owns, NettyTransport.of(group), clock, formats,
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "gscam-resolver");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /**
     * This runtime with {@code formats} as its registry, for one session whose options change how a
     * codec is read; everything else is shared, so only the client's own runtime is closed.
     */
    public ClientRuntime withPayloadFormats(PayloadFormats formats) {
        return new ClientRuntime(group, ownsGroup, transport, clock, formats, resolver);
    }

    /**
     * The address of {@code host}: at once for an address literal, else looked up on the resolver
     * thread, since Netty's default resolver would block the event loop for as long as DNS takes.
     * Fails with the {@link java.net.UnknownHostException}.
     */
    public CompletableFuture<InetAddress> resolve(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
        if (address != null) {
            return CompletableFuture.completedFuture(address);
        }
        CompletableFuture<InetAddress> result = new CompletableFuture<>();
        try {
            resolver.execute(() -> {
                try {
                    result.complete(InetAddress.getByName(host));
                } catch (UnknownHostException | SecurityException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Monotonic nanoseconds for timeouts and RTCP: System.nanoTime() with the system clock, the
     * injected clock's millis otherwise (so tests on a fixed or stepped clock control time).
     */
    public long nanoTime() {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())
                ? System.nanoTime() : clock.millis() * 1_000_000L;
    }

    /**
     * Resolves {@code host} (off the loop) and opens a TCP connection to it on {@code loop}, no Nagle,
     * with {@code pipeline} setting up the channel's handlers; completes on {@code loop}, with the
     * channel or the raw cause (UnknownHostException, ConnectException, ...).
     */
    public CompletableFuture<Channel> connect(EventLoop loop, String host, int port, Duration connectTimeout,
                                              Consumer<ChannelPipeline> pipeline) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(transport.socketChannels())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.accept(ch.pipeline());
                    }
                });
        CompletableFuture<Channel> result = new CompletableFuture<>();
        resolve(host).whenComplete((address, unresolved) -> {
            if (unresolved != null) {
                loop.execute(() -> result.completeExceptionally(unresolved));
                return;
            }
            bootstrap.connect(new InetSocketAddress(address, port)).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    result.complete(f.channel());
                } else {
                    result.completeExceptionally(f.cause());
                }
            });
        });
        return result;
    }

    public void close() {
        resolver.shutdownNow();
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }
}
