package io.gscam.client.internal.udp;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.internal.ClientRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Two bound UDP sockets for one track: RTP on an even port, RTCP on the next (RFC 3550 section 11).
 * Pairs are chosen from the configured range starting at a random pair, so that sessions opened at
 * once rarely race for the same ports; a port in use is skipped.
 */
public final class UdpPortPair {
    /** Ports tried before giving up. */
    static final int MAX_TRIES = 64;

    /** One datagram: payload bytes and where it came from. */
    public interface Receiver {
        void onDatagram(byte[] data, InetSocketAddress sender);
    }

    private final Channel rtp;
    private final Channel rtcp;

    private UdpPortPair(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** Binds a pair from {@code first..last}; the receivers run on {@code loop}. */
    public static CompletableFuture<UdpPortPair> bind(ClientRuntime runtime, EventLoop loop, int first, int last,
                                                      Receiver rtpReceiver, Receiver rtcpReceiver) {
        int firstEven = first + (first & 1);
        int pairs = (last - firstEven + 1) / 2;
        int start = ThreadLocalRandom.current().nextInt(pairs);
        CompletableFuture<UdpPortPair> result = new CompletableFuture<>();
        tryPair(runtime, loop, firstEven, pairs, start, 0, rtpReceiver, rtcpReceiver, result);
        return result;
    }

    /**
     * Binds exactly {@code rtpPort} and {@code rtcpPort} on every local address (an SDP file names the
     * ports the sender sends to); fails with a message naming the port that is taken.
     */
    public static CompletableFuture<UdpPortPair> bindExactly(ClientRuntime runtime, EventLoop loop, int rtpPort, int rtcpPort,
                                                             Receiver rtpReceiver, Receiver rtcpReceiver) {
        CompletableFuture<UdpPortPair> result = new CompletableFuture<>();
        bindOne(runtime, loop, rtpPort, rtpReceiver).addListener((ChannelFutureListener) f1 -> {
            if (!f1.isSuccess()) {
                result.completeExceptionally(portTaken(rtpPort, f1.cause()));
                return;
            }
            bindOne(runtime, loop, rtcpPort, rtcpReceiver).addListener((ChannelFutureListener) f2 -> {
                if (!f2.isSuccess()) {
                    f1.channel().close();
                    result.completeExceptionally(portTaken(rtcpPort, f2.cause()));
                    return;
                }
                result.complete(new UdpPortPair(f1.channel(), f2.channel()));
            });
        });
        return result;
    }

    private static CameraException portTaken(int port, Throwable cause) {
        return new CameraException(Kind.IO, "cannot bind UDP port " + port + ": " + cause.getMessage(), cause);
    }

    private static void tryPair(ClientRuntime runtime, EventLoop loop, int firstEven, int pairs, int start, int tries,
                                Receiver rtpReceiver, Receiver rtcpReceiver, CompletableFuture<UdpPortPair> result) {
        if (tries >= Math.min(pairs, MAX_TRIES)) {
            result.completeExceptionally(new CameraException(Kind.IO,
                    "no free UDP port pair in " + firstEven + "-" + (firstEven + 2 * pairs - 1)));
            return;
        }
        int port = firstEven + 2 * ((start + tries) % pairs);
        bindOne(runtime, loop, port, rtpReceiver).addListener((ChannelFutureListener) f1 -> {
            if (!f1.isSuccess()) {
                tryPair(runtime, loop, firstEven, pairs, start, tries + 1, rtpReceiver, rtcpReceiver, result);
                return;
            }
            bindOne(runtime, loop, port + 1, rtcpReceiver).addListener((ChannelFutureListener) f2 -> {
                if (!f2.isSuccess()) {
                    f1.channel().close();
                    tryPair(runtime, loop, firstEven, pairs, start, tries + 1, rtpReceiver, rtcpReceiver, result);
                    return;
                }
                result.complete(new UdpPortPair(f1.channel(), f2.channel()));
            });
        });
    }

    private static io.netty.channel.ChannelFuture bindOne(ClientRuntime runtime, EventLoop loop, int port, Receiver receiver) {
        return new Bootstrap()
                .group(loop)
                .channel(runtime.datagramChannel())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
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
                })
                .bind(new InetSocketAddress(port));
    }

    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    public int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** Sends from the RTCP socket (receiver reports go from the port the server knows). */
    public void sendRtcp(byte[] packet, InetSocketAddress to) {
        rtcp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to), rtcp.voidPromise());
    }

    /** Sends from the RTP socket (NAT punching). */
    public void sendRtp(byte[] packet, InetSocketAddress to) {
        rtp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to), rtp.voidPromise());
    }

    public void close() {
        rtp.close();
        rtcp.close();
    }
}
