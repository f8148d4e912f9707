package io.gscam.server.stream;

import io.gscam.server.transport.PacketBatch;
import io.gscam.server.transport.PacketOutlet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamReaderTest {
    /** An outlet whose socket never drains until told: every write stays queued, packet by packet. */
    static class StuckOutlet implements PacketOutlet {
        final List<ByteBuf> written = new ArrayList<>();
        long pending;

        @Override
        public EventExecutor executor() {
            return ImmediateEventExecutor.INSTANCE;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public long pendingBytes() {
            return pending;
        }

        @Override
        public void write(PacketBatch batch) {
            for (int i = 0; i < batch.packetCount(); i++) {
                ByteBuf packet = batch.packet(i).retainedDuplicate();
                written.add(packet);
                pending += packet.readableBytes() + 4;
            }
        }

        @Override
        public void writeRtcp(int track, ByteBuf packet) {
            packet.release();
        }

        @Override
        public void flush() {
        }

        void drain() {
            pending = 0;
            written.forEach(ByteBuf::release);
            written.clear();
        }
    }

    private static void deliver(StreamReader reader, int track, int size, boolean key) throws Exception {
        ByteBuf b = Unpooled.directBuffer(size).writeZero(size);
        try {
            PacketBatch batch = new PacketBatch(track, new ByteBuf[] {b}, new int[] {size - 12}, key, UnpooledByteBufAllocator.DEFAULT);
            reader.deliver(batch);
            batch.release();
        } finally {
            b.release();
        }
    }

    @Test
    void newReader_waitsForAKeyframe() throws Exception {
        StuckOutlet outlet = new StuckOutlet();
        StreamReader r = new StreamReader("r", outlet, new boolean[] {true, true}, 0, 100_000);
        deliver(r, 0, 1000, false);
        deliver(r, 1, 172, false);
        assertThat(outlet.written).isEmpty();
        deliver(r, 0, 1000, true);
        deliver(r, 1, 172, false);
        assertThat(outlet.written).hasSize(2);
        outlet.drain();
    }

    @Test
    void slowReader_pastItsByteBudget_skipsToTheNextKeyframe_andCountsTheSkip() throws Exception {
        StuckOutlet outlet = new StuckOutlet();
        StreamReader r = new StreamReader("r", outlet, new boolean[] {true}, 0, 70_000);
        deliver(r, 0, 30_000, true);
        deliver(r, 0, 30_000, false);
        deliver(r, 0, 30_000, false); // does not fit: skip
        assertThat(r.keyframeSkips()).isEqualTo(1);
        assertThat(outlet.written).hasSize(2);
        assertThat(r.queuedBytes()).isLessThanOrEqualTo(70_000);
        outlet.drain();
        assertThat(r.queuedBytes()).isZero();
        deliver(r, 0, 1000, false); // still waiting for a keyframe
        assertThat(outlet.written).isEmpty();
        deliver(r, 0, 1000, true);
        assertThat(outlet.written).hasSize(1);
        outlet.drain();
    }

    @Test
    void stoppedReader_writesNothing() throws Exception {
        StuckOutlet outlet = new StuckOutlet();
        StreamReader r = new StreamReader("r", outlet, new boolean[] {true}, 0, 100_000);
        r.stop();
        deliver(r, 0, 1000, true);
        assertThat(outlet.written).isEmpty();
    }
}
