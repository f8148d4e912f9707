package io.gscam.server.transport;

import io.gscam.server.session.TrackTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
}
