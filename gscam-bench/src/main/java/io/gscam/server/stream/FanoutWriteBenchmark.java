package io.gscam.server.stream;

import io.gscam.bench.Bytes;
import io.gscam.server.session.TrackTransport;
import io.gscam.server.transport.InterleavedOutlet;
import io.gscam.server.transport.PacketBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;

/**
 * The fan-out's per-reader write path, as an event loop runs it for each frame: one access unit's
 * RTP packets (a P frame of 4 packets, an IDR of 40) handed to {@value #READERS} TCP-interleaved
 * readers, each writing its duplicate of the shared framed buffer and flushing. The sockets are
 * {@link EmbeddedChannel}s, whose written buffers the benchmark releases after each frame. One
 * operation is one frame to one reader; {@code -prof gc} shows what a reader allocates per frame
 * (the batch itself, made once per frame and event loop, is shared by the {@value #READERS});
 * {@code bytes} counts what the readers were sent, interleaved headers included.
 */
@State(Scope.Thread)
public class FanoutWriteBenchmark {
    static final int READERS = 100;
    static final int FRAMES = 10;

    @Param({"4", "40"})
    int packetsPerFrame;

    private final EmbeddedChannel[] sockets = new EmbeddedChannel[READERS];
    private final StreamReader[] readers = new StreamReader[READERS];
    private ByteBuf[] packets;
    private int[] payloadSizes;
    private final Runnable frames = this::frames;
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private Bytes bytes;

    @Setup(Level.Trial)
    public void setUp() {
        packets = new ByteBuf[packetsPerFrame];
        payloadSizes = new int[packetsPerFrame];
        for (int i = 0; i < packetsPerFrame; i++) {
            packets[i] = PooledByteBufAllocator.DEFAULT.directBuffer(1036).writeZero(1036);
            payloadSizes[i] = 1024;
        }
        for (int r = 0; r < READERS; r++) {
            sockets[r] = new EmbeddedChannel();
            InterleavedOutlet outlet = new InterleavedOutlet(sockets[r], Map.of(0, new TrackTransport.Interleaved(0, 1)));
            readers[r] = new StreamReader("r" + r, outlet, new boolean[] {true}, 0, 2 << 20);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        for (EmbeddedChannel s : sockets) {
            s.finishAndReleaseAll();
        }
        for (ByteBuf p : packets) {
            p.release();
        }
    }

    /**
     * Runs {@value #FRAMES} frames on an event loop, as the server does: Netty recycles pooled
     * duplicates and outbound-buffer entries only on event-loop (fast thread-local) threads. The
     * hand-off to the loop is shared by {@value #FRAMES} x {@value #READERS} operations (and counted:
     * JMH's gc profiler counts every thread's allocation).
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES * READERS)
    public void frameToEveryReader(Bytes bytes) {
        this.bytes = bytes;
        loop.submit(frames).syncUninterruptibly();
    }

    private void frames() {
        for (int i = 0; i < FRAMES; i++) {
            frame();
        }
    }

    private void frame() {
        PacketBatch batch = new PacketBatch(0, packets, payloadSizes, true, PooledByteBufAllocator.DEFAULT);
        for (StreamReader r : readers) {
            r.deliver(batch);
        }
        bytes.bytes += (long) batch.bytes() * READERS;
        batch.release();
        for (EmbeddedChannel s : sockets) {
            ByteBuf written;
            while ((written = s.readOutbound()) != null) {
                written.release();
            }
        }
    }
}
