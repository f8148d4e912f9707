package io.gscam.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Two bound UDP sockets: RTP on an even port, RTCP on the next (RFC 3550 section 11), both on one
 * event loop so that a stream's RTP and RTCP never cross threads. The one binder the server (its
 * shared pair, as MediaMTX's 8000/8001) and the client (a pair per track from its port range, or the
 * exact ports an SDP file names) use. Binding is asynchronous and never blocks the event loop.
 */
public final class UdpPortPair implements AutoCloseable {
    /** Pairs tried before giving up, for {@link Ports.AnyFree} and {@link Ports.Range}. */
    static final int MAX_TRIES = 64;

    /** Which ports to bind. */
    public sealed interface Ports {
        /** The first even/odd pair the system offers (RTP port 0 asked of the kernel until it is even). */
        record AnyFree() implements Ports {
        }

        /** Exactly these two ports; fails naming the one that is taken. */
        record Exactly(int rtpPort, int rtcpPort) implements Ports {
        }

        /**
         * An even/odd pair from {@code first..last}, starting at a pair {@code random} picks, so that
         * sessions opened at once rarely race for the same ports; a pair in use is skipped.
         */
        record Range(int first, int last, RandomGenerator random) implements Ports {
            public Range {
                if (first < 0 || last > 65535 || last < first + (first & 1) + 1) {
                    throw new IllegalArgumentException("no even/odd UDP port pair in " + first + "-" + last);
                }
            }
        }

        static Ports anyFree() {
            return new AnyFree();
        }

        /** {@code rtpPort} and the next; port 0 means {@link #anyFree()}. */
        static Ports evenAt(int rtpPort) {
            if (rtpPort == 0) {
                return anyFree();
            }
            if (rtpPort % 2 != 0 || rtpPort < 0 || rtpPort > 65534) {
                throw new IllegalArgumentException("the RTP port must be even, 0..65534: " + rtpPort);
            }
            return new Exactly(rtpPort, rtpPort + 1);
        }
    }

    private final Channel rtp;
    private final Channel rtcp;

    private UdpPortPair(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /**
     * Binds a pair on {@code address} (null: every local address). The handlers are made per socket;
     * the future fails with a {@link BindException} naming the port or range when no pair can be had.
     */
    public static CompletableFuture<UdpPortPair> bind(EventLoop loop, ChannelFactory<? extends DatagramChannel> channels,
                                                      InetAddress address, Ports ports,
                                                      Supplier<? extends ChannelHandler> rtpHandler,
                                                      Supplier<? extends ChannelHandler> rtcpHandler) {
        Binder b = new Binder(new Bootstrap().group(loop).channelFactory(channels), address, ports, rtpHandler, rtcpHandler);
        b.attempt(0);
        return b.result;
    }

    public Channel rtp() {
        return rtp;
    }

    public Channel rtcp() {
        return rtcp;
    }

    /** The RTP port, even; RTCP is {@link #rtcpPort()}. */
    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    public int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** Closes both sockets; returns at once (callable on the event loop). */
    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }

    /** Closes both sockets and waits until they are closed (never on the event loop). */
    public void closeAndWait() {
        rtp.close().syncUninterruptibly();
        rtcp.close().syncUninterruptibly();
    }

    /** One binding: tries pairs in the order {@link Ports} gives, one at a time, each step on the loop. */
    private static final class Binder {
        final CompletableFuture<UdpPortPair> result = new CompletableFuture<>();
        private final Bootstrap bootstrap;
        private final InetAddress address;
        private final Ports ports;
        private final Supplier<? extends ChannelHandler> rtpHandler;
        private final Supplier<? extends ChannelHandler> rtcpHandler;
        private final int rangeStart;

        Binder(Bootstrap bootstrap, InetAddress address, Ports ports,
               Supplier<? extends ChannelHandler> rtpHandler, Supplier<? extends ChannelHandler> rtcpHandler) {
            this.bootstrap = bootstrap;
            this.address = address;
            this.ports = Objects.requireNonNull(ports, "ports");
            this.rtpHandler = rtpHandler;
            this.rtcpHandler = rtcpHandler;
            this.rangeStart = ports instanceof Ports.Range r ? r.random().nextInt(pairsIn(r)) : 0;
        }

        private static int pairsIn(Ports.Range r) {
            int firstEven = r.first() + (r.first() & 1);
            return (r.last() - firstEven + 1) / 2;
        }

        void attempt(int tries) {
            int rtpPort;
            int rtcpPort;
            if (ports instanceof Ports.Exactly e) {
                rtpPort = e.rtpPort();
                rtcpPort = e.rtcpPort();
            } else if (ports instanceof Ports.Range r) {
                int pairs = pairsIn(r);
                int firstEven = r.first() + (r.first() & 1);
                if (tries >= Math.min(pairs, MAX_TRIES)) {
                    fail("no free UDP port pair in " + firstEven + "-" + (firstEven + 2 * pairs - 1), null);
                    return;
                }
                rtpPort = firstEven + 2 * ((rangeStart + tries) % pairs);
                rtcpPort = rtpPort + 1;
            } else {
                if (tries >= MAX_TRIES) {
                    fail("no free even/odd UDP port pair after " + MAX_TRIES + " attempts", null);
                    return;
                }
                rtpPort = 0;
                rtcpPort = -1; // the kernel's even choice plus one
            }
            bindOne(rtpPort, rtpHandler).addListener((ChannelFutureListener) f1 -> {
                if (!f1.isSuccess()) {
                    retryOrFail(tries, rtpPort, f1.cause());
                    return;
                }
                int actualRtp = ((InetSocketAddress) f1.channel().localAddress()).getPort();
                if (actualRtp % 2 != 0 || actualRtp >= 65535) {
                    f1.channel().close();
                    attempt(tries + 1); // only AnyFree gets an odd port from the kernel
                    return;
                }
                int rtcpWanted = rtcpPort < 0 ? actualRtp + 1 : rtcpPort;
                bindOne(rtcpWanted, rtcpHandler).addListener((ChannelFutureListener) f2 -> {
                    if (!f2.isSuccess()) {
                        f1.channel().close();
                        retryOrFail(tries, rtcpWanted, f2.cause());
                        return;
                    }
                    if (!result.complete(new UdpPortPair(f1.channel(), f2.channel()))) {
                        f1.channel().close();
                        f2.channel().close();
                    }
                });
            });
        }

        private void retryOrFail(int tries, int port, Throwable cause) {
            if (ports instanceof Ports.Exactly) {
                fail("cannot bind UDP port " + port + ": " + cause.getMessage(), cause);
            } else {
                attempt(tries + 1);
            }
        }

        private void fail(String message, Throwable cause) {
            BindException e = new BindException(message);
            if (cause != null) {
                e.initCause(cause);
            }
            result.completeExceptionally(e);
        }

        private ChannelFuture bindOne(int port, Supplier<? extends ChannelHandler> handler) {
            InetSocketAddress at = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
            return bootstrap.clone().handler(handler.get()).bind(at);
        }
    }
}
