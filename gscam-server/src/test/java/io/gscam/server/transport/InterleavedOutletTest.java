package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.gscam.testkit.Await;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InterleavedOutletTest {
    private static ByteBuf packet(int size, int fill) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        return Unpooled.wrappedBuffer(b);
    }

    private static PacketBatch batch(int track, ByteBuf... packets) {
        int[] payloads = new int[packets.length];
        PacketBatch batch = new PacketBatch(track, packets, payloads, true, PooledByteBufAllocator.DEFAULT);
        for (ByteBuf p : packets) {
            p.release(); // the batch holds its own reference
        }
        return batch;
    }

    @Test
    void aFramesPackets_leaveAsOneBuffer_eachAfterItsDollarHeader_onTheChosenChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        InterleavedOutlet outlet = new InterleavedOutlet(ch, Map.of(0, new TrackTransport.Interleaved(2, 3)));
        PacketBatch b = batch(0, packet(300, 1), packet(5, 2));
        outlet.write(b);
        PacketBatch audio = batch(1, packet(10, 9));
        outlet.write(audio); // a track this reader did not set up: nothing
        audio.release();
        outlet.flush();
        ByteBuf out = ch.readOutbound();
        assertThat((Object) ch.readOutbound()).as("one buffer per frame").isNull();
        assertThat(out.readableBytes()).isEqualTo(b.bytes()).isEqualTo(4 + 300 + 4 + 5);
        assertThat(ByteBufUtil.hexDump(out, 0, 4)).isEqualTo("2402012c");
        assertThat(out.getByte(4)).isEqualTo((byte) 1);
        assertThat(ByteBufUtil.hexDump(out, 304, 4)).isEqualTo("24020005");
        assertThat(out.getByte(308)).isEqualTo((byte) 2);
        out.release();
        b.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void theHeaderIsWrittenOncePerChannel_notOncePerReader_andEveryReferenceIsReleased() {
        PacketBatch b = batch(0, packet(100, 7));
        ByteBuf framed = b.interleaved(0);
        assertThat(b.interleaved(0)).as("made once").isSameAs(framed);
        ByteBuf other = b.interleaved(4);
        assertThat(other).isNotSameAs(framed);
        assertThat(other.getByte(1)).isEqualTo((byte) 4);
        EmbeddedChannel r1 = new EmbeddedChannel();
        EmbeddedChannel r2 = new EmbeddedChannel();
        for (EmbeddedChannel ch : new EmbeddedChannel[] {r1, r2}) {
            InterleavedOutlet outlet = new InterleavedOutlet(ch, Map.of(0, new TrackTransport.Interleaved(0, 1)));
            outlet.write(b);
            outlet.flush();
        }
        assertThat(framed.refCnt()).as("the batch's and two readers' duplicates").isEqualTo(3);
        b.release();
        ((ByteBuf) r1.readOutbound()).release();
        ((ByteBuf) r2.readOutbound()).release();
        assertThat(framed.refCnt()).isZero();
        assertThat(other.refCnt()).isZero();
        assertThat(b.packet(0).refCnt()).isZero();
    }

    @Test
    void pendingBytes_areWhatWasWrittenAndHasNotLeft() {
        EmbeddedChannel ch = new EmbeddedChannel();
        InterleavedOutlet outlet = new InterleavedOutlet(ch, Map.of(0, new TrackTransport.Interleaved(0, 1)));
        PacketBatch b = batch(0, packet(1000, 0));
        assertThat(outlet.pendingBytes()).isZero();
        outlet.write(b);
        assertThat(outlet.pendingBytes()).isGreaterThanOrEqualTo(b.bytes());
        outlet.flush();
        assertThat(outlet.pendingBytes()).isZero();
        b.release();
        ch.finishAndReleaseAll();
    }

    /** An epoll connection accepted on 127.0.0.1 (server side) and the plain socket that opened it. */
    private record Connection(EventLoopGroup group, Channel server, Channel accepted, Socket client) implements AutoCloseable {
        static Connection open(int sendBuffer) throws Exception {
            assumeTrue(Epoll.isAvailable(), "epoll's native library does not load here: " + Epoll.unavailabilityCause());
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            CompletableFuture<Channel> accepted = new CompletableFuture<>();
            Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.SO_SNDBUF, sendBuffer)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            accepted.complete(ch);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Socket client = new Socket();
            client.setReceiveBufferSize(4096);
            client.connect(server.localAddress(), 5000);
            return new Connection(group, server, accepted.get(5, TimeUnit.SECONDS), client);
        }

        /** Runs {@code task} on the accepted connection's event loop and waits for it. */
        <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
            return accepted.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
        }

        /** Reads exactly {@code n} bytes, failing after 10 s. */
        byte[] read(int n) throws IOException {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            byte[] b = in.readNBytes(n);
            assertThat(b).as("bytes before the deadline").hasSize(n);
            return b;
        }

        @Override
        public void close() throws Exception {
            client.close();
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b, b.readerIndex(), b.readableBytes());
    }

    @Test
    void onEpoll_aFrameWithNothingPending_leavesAtOnce_withoutAFlush_andNothingStaysQueued() throws Exception {
        try (Connection c = Connection.open(64 * 1024)) {
            InterleavedOutlet outlet = new InterleavedOutlet(c.accepted(), Map.of(0, new TrackTransport.Interleaved(6, 7)));
            PacketBatch b = batch(0, packet(200, 0x11), packet(30, 0x22));
            ByteBuf framed = b.interleaved(6);
            byte[] expected = bytes(framed);
            long pending = c.onLoop(() -> {
                outlet.write(b); // no flush: only a frame that went to the socket itself can arrive
                return outlet.pendingBytes();
            });
            assertThat(pending).as("nothing left in the outbound buffer").isZero();
            assertThat(c.read(expected.length)).isEqualTo(expected);
            c.onLoop(() -> {
                outlet.flush(); // nothing queued: nothing to do
                b.release();
                return null;
            });
            assertThat(framed.refCnt()).as("no duplicate kept for the connection").isZero();
        }
    }

    @Test
    void onEpoll_aReaderBehind_getsEveryByteInOrder_theRestQueuedBehindWhatIsPending_reportsAmongThem() throws Exception {
        try (Connection c = Connection.open(4096)) {
            InterleavedOutlet outlet = new InterleavedOutlet(c.accepted(), Map.of(0, new TrackTransport.Interleaved(0, 1)));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            long maxPending = 0;
            for (int frame = 0; frame < 64; frame++) {
                PacketBatch b = batch(0, packet(1400, frame), packet(1400, frame + 64), packet(700 + frame, frame + 128));
                expected.write(bytes(b.interleaved(0)));
                boolean report = frame % 8 == 3; // an RTCP report goes through the pipeline: what follows must queue behind it
                byte[] sr = new byte[28];
                java.util.Arrays.fill(sr, (byte) (0xC0 + frame % 8));
                if (report) {
                    expected.write(new byte[] {'$', 1, 0, 28});
                    expected.write(sr);
                }
                long pending = c.onLoop(() -> {
                    outlet.write(b);
                    if (report) {
                        outlet.writeRtcp(0, Unpooled.wrappedBuffer(sr));
                    }
                    outlet.flush();
                    return outlet.pendingBytes();
                });
                maxPending = Math.max(maxPending, pending);
                c.onLoop(() -> {
                    b.release();
                    return null;
                });
            }
            assertThat(maxPending).as("the reader fell behind: part of the stream waited in the outbound buffer")
                    .isGreaterThan(100_000);
            byte[] want = expected.toByteArray();
            byte[] got = c.read(want.length);
            assertThat(java.util.Arrays.mismatch(got, want)).as("the first byte that differs from the stream written, in order").isEqualTo(-1);
            Await.until(Duration.ofSeconds(10), "the outbound buffer drained", () -> {
                try {
                    return c.onLoop(outlet::pendingBytes) == 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
