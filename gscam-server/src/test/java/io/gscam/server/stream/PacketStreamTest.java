package io.gscam.server.stream;

import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.testkit.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketStreamTest {
    /** The loop of the backlog tests, held busy until {@link #release} ({@link #occupy}). */
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopLoop() {
        release.countDown();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
    private static ByteBuf packet(int payload) {
        return Unpooled.wrappedBuffer(RtpPacket.builder().payloadType(96).ssrc(1).sequenceNumber(7).timestamp(9)
                .payload(new byte[payload]).build().toBytes());
    }

    @Test
    void payloadSize_isWhatFollowsTheHeaderCsrcsAndExtension_beforePadding() {
        assertThat(PacketStream.payloadSize(packet(100))).isEqualTo(100);
        // V=2, P=1, X=1, CC=2; 2 CSRCs; extension of one word; 5 payload bytes; 3 bytes of padding.
        ByteBuf b = Unpooled.buffer().writeByte(0x80 | 0x20 | 0x10 | 2).writeByte(96).writeShort(1).writeInt(2).writeInt(3)
                .writeInt(10).writeInt(11)
                .writeShort(0xBEDE).writeShort(1).writeInt(0)
                .writeBytes(new byte[] {1, 2, 3, 4, 5}).writeBytes(new byte[] {0, 0, 3});
        assertThat(PacketStream.payloadSize(b)).isEqualTo(5);
        assertThat(PacketStream.payloadSize(Unpooled.wrappedBuffer(new byte[5]))).as("shorter than a header").isZero();
    }

    @Test
    void publish_reachesEveryReaderFromItsFirstKeyframe_andCountsEachPacketOnce() {
        PacketStream stream = new PacketStream(2, 0, System::nanoTime);
        StreamReaderTest.StuckOutlet a = new StreamReaderTest.StuckOutlet();
        StreamReaderTest.StuckOutlet b = new StreamReaderTest.StuckOutlet();
        StreamReader ra = new StreamReader("a", a, new boolean[] {true, true}, 0, 1 << 20);
        StreamReader rb = new StreamReader("b", b, new boolean[] {true, false}, 0, 1 << 20);
        stream.addReader(ra);
        stream.addReader(rb);
        ByteBuf[] delta = {packet(50)};
        ByteBuf[] key = {packet(1000), packet(1000)};
        ByteBuf[] audio = {packet(160)};
        stream.publish(0, delta, false);
        stream.publish(0, key, true);
        stream.publish(1, audio, false);
        assertThat(stream.packetsProduced()).isEqualTo(4);
        assertThat(ra.packetsSent(0)).as("from the keyframe on").isEqualTo(2);
        assertThat(ra.octetsSent(0)).isEqualTo(2000);
        assertThat(ra.packetsSent(1)).isEqualTo(1);
        assertThat(rb.packetsSent()).as("b receives no audio").isEqualTo(2);
        assertThat(key[0].refCnt()).as("each reader holds a retained duplicate").isEqualTo(3);
        a.drain();
        b.drain();
        for (ByteBuf[] bufs : new ByteBuf[][] {delta, key, audio}) {
            for (ByteBuf buf : bufs) {
                buf.release();
                assertThat(buf.refCnt()).isZero();
            }
        }
    }

    /** An event loop that counts the tasks it is given. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            super.execute(task);
        }
    }

    /** A stuck outlet on its own event loop. */
    private static StreamReaderTest.StuckOutlet on(EventExecutor loop) {
        return new StreamReaderTest.StuckOutlet() {
            @Override
            public EventExecutor executor() {
                return loop;
            }
        };
    }

    @Test
    void aFrame_isOneTaskPerEventLoop_notOnePerReader_andReachesEveryReader() throws Exception {
        CountingLoop one = new CountingLoop();
        CountingLoop two = new CountingLoop();
        try {
            PacketStream stream = new PacketStream(1, 0, System::nanoTime);
            List<StreamReader> readers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                StreamReader r = new StreamReader("r" + i, on(i < 3 ? one : two), new boolean[] {true}, 0, 1 << 20);
                readers.add(r);
                stream.addReader(r);
            }
            ByteBuf[] key = {packet(1000), packet(1000), packet(1000)};
            stream.publish(0, key, true);
            for (ByteBuf b : key) {
                b.release();
            }
            Await.until(Duration.ofSeconds(5), "every reader sent the frame",
                    () -> readers.stream().allMatch(r -> r.packetsSent(0) == 3));
            assertThat(one.tasks).hasValue(1);
            assertThat(two.tasks).hasValue(1);
            stream.removeReader(readers.get(0));
            assertThat(stream.readerCount()).isEqualTo(4);
            for (StreamReader r : readers) {
                StreamReaderTest.StuckOutlet o = (StreamReaderTest.StuckOutlet) r.outlet();
                r.outlet().executor().submit(o::drain).get();
            }
            Await.until(Duration.ofSeconds(5), "the batches let go of the packets", () -> key[0].refCnt() == 0);
        } finally {
            one.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            two.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLoopThatCannotKeepUp_isGivenAtMostItsBacklog_andItsReadersResumeAtTheNextKeyframe() throws Exception {
        PacketStream stream = new PacketStream(1, 0, System::nanoTime, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 4);
        StreamReader a = new StreamReader("a", on(loop), new boolean[] {true}, 0, 1 << 20);
        StreamReader b = new StreamReader("b", on(loop), new boolean[] {true}, 0, 1 << 20);
        stream.addReader(a);
        stream.addReader(b);
        occupy();
        List<ByteBuf> all = new ArrayList<>();
        ByteBuf[] first = publish(stream, all, true); // handed: key, then 3 deltas
        for (int i = 0; i < 3; i++) {
            publish(stream, all, false);
        }
        ByteBuf[] notQueued = null;
        for (int i = 0; i < 5; i++) {
            notQueued = publish(stream, all, false);
        }
        assertThat(stream.queuedBatches()).as("the loop's backlog stays bounded").isEqualTo(4);
        assertThat(((SingleThreadEventExecutor) loop).pendingTasks()).as("one fan-out task, not one per frame").isEqualTo(1);
        assertThat(stream.batchesNotQueued()).isEqualTo(5);
        assertThat(notQueued[0].refCnt()).as("nothing holds a frame the loop was not given").isEqualTo(1);
        assertThat(first[0].refCnt()).as("a queued frame is held by its batch").isEqualTo(2);
        release.countDown();
        Await.until(Duration.ofSeconds(5), "the queued frames are written", () -> b.packetsSent(0) == 4);
        assertThat(a.packetsSent(0)).as("what was queued before the gap is written").isEqualTo(4);

        publish(stream, all, false); // after the gap, not a keyframe: skipped
        publish(stream, all, true);  // where the readers resume
        Await.until(Duration.ofSeconds(5), "the next keyframe is written", () -> b.packetsSent(0) == 5);
        for (StreamReader r : List.of(a, b)) {
            assertThat(r.packetsSent(0)).isEqualTo(5);
            assertThat(r.keyframeSkips()).as("one skip per reader").isEqualTo(1);
            assertThat(r.droppedPackets()).as("the 5 not queued (as in a budget skip, what follows while waiting is not counted)").isEqualTo(5);
            loop.submit(((StreamReaderTest.StuckOutlet) r.outlet())::drain).get();
        }
        releaseAll(all);
    }

    @Test
    void aLoopThatLags_runsItsOtherTasksAfterOneSliceOfFrames_andWritesTheSliceWithOneFlushPerReader() throws Exception {
        PacketStream stream = new PacketStream(1, 0, System::nanoTime, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 64);
        AtomicInteger flushes = new AtomicInteger();
        StreamReaderTest.StuckOutlet outlet = new StreamReaderTest.StuckOutlet() {
            @Override
            public EventExecutor executor() {
                return loop;
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        StreamReader r = new StreamReader("r", outlet, new boolean[] {true}, 0, 1 << 20);
        stream.addReader(r);
        occupy();
        List<ByteBuf> all = new ArrayList<>();
        publish(stream, all, true);
        for (int i = 1; i < 2 * PacketStream.SLICE + 3; i++) {
            publish(stream, all, false);
        }
        // Another task of the loop (an RTSP answer, a new connection), queued behind the backlog.
        AtomicLong writtenBeforeIt = new AtomicLong(-1);
        loop.execute(() -> writtenBeforeIt.set(r.packetsSent(0)));
        release.countDown();
        Await.until(Duration.ofSeconds(5), "every frame is written", () -> r.packetsSent(0) == 2 * PacketStream.SLICE + 3);
        assertThat(writtenBeforeIt).as("the other task waited for one slice of frames, not for all").hasValue(PacketStream.SLICE);
        assertThat(flushes).as("one flush per slice").hasValue(3);
        assertThat(r.keyframeSkips()).isZero();
        loop.submit(outlet::drain).get();
        releaseAll(all);
    }

    /** Keeps {@code loop} busy elsewhere (an overloaded machine) until {@code release}; returns once it is. */
    private void occupy() {
        AtomicBoolean busy = new AtomicBoolean();
        loop.execute(() -> {
            busy.set(true);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until(Duration.ofSeconds(5), "the loop is busy", busy::get);
    }

    /** Lets go of the test's references to the frames in {@code all}, and waits until nothing else holds one. */
    private static void releaseAll(List<ByteBuf> all) {
        for (ByteBuf p : all) {
            p.release();
        }
        Await.until(Duration.ofSeconds(5), "every frame let go", () -> all.stream().allMatch(p -> p.refCnt() == 0));
    }

    /** Publishes a one-packet frame of track 0; the caller's reference goes to {@code all}. */
    private static ByteBuf[] publish(PacketStream stream, List<ByteBuf> all, boolean key) {
        ByteBuf[] frame = {packet(100)};
        all.add(frame[0]);
        stream.publish(0, frame, key);
        return frame;
    }

    @Test
    void close_stopsReaders_andALaterReaderIsStoppedAtOnce() {
        PacketStream stream = new PacketStream(1, -1, System::nanoTime);
        StreamReader r = new StreamReader("r", new StreamReaderTest.StuckOutlet(), new boolean[] {true}, -1, 1024);
        stream.addReader(r);
        stream.close();
        assertThat(r.isStopped()).isTrue();
        assertThat(stream.readerCount()).isZero();
        StreamReader late = new StreamReader("late", new StreamReaderTest.StuckOutlet(), new boolean[] {true}, -1, 1024);
        stream.addReader(late);
        assertThat(late.isStopped()).isTrue();
        assertThatThrownBy(() -> new PacketStream(1, 1, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
    }
}
