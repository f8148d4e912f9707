package io.gscam.client.internal.rtp;

import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderBufferTest {
    private final List<Integer> out = new ArrayList<>();
    /** Eight packets deep, a missing one given up after 100 ms. */
    private final ReorderBuffer b = new ReorderBuffer(8, Duration.ofMillis(100));

    private static RtpPacket packet(int seq) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq & 0xFFFF).build();
    }

    private void offer(ReorderBuffer b, long nanos, int... seqs) {
        for (int s : seqs) {
            b.offer(packet(s), nanos, p -> out.add(p.sequenceNumber()));
        }
    }

    @Test
    void offer_swappedPackets_deliveredInOrder() {
        offer(b, 0, 1, 3, 2, 4);

        assertThat(out).containsExactly(1, 2, 3, 4);
        assertThat(b.reordered()).isEqualTo(1);
        assertThat(b.lost()).isZero();
    }

    @Test
    void offer_borrowedPacketThatWaits_isKeptWithItsPayload_whileTheCallerReusesItsBytes() throws Exception {
        byte[] reused = new byte[13];
        List<RtpPacket> delivered = new ArrayList<>();
        for (int seq : new int[]{1, 3, 4, 2}) {
            byte[] bytes = RtpPacket.builder().payloadType(96).sequenceNumber(seq).payload(new byte[]{(byte) seq}).build().toBytes();
            System.arraycopy(bytes, 0, reused, 0, bytes.length);
            b.offer(RtpPacket.parseBorrowed(reused, 0, bytes.length), 0, p -> delivered.add(p.detach()));
        }

        assertThat(delivered).extracting(RtpPacket::sequenceNumber).containsExactly(1, 2, 3, 4);
        assertThat(delivered).extracting(p -> p.payloadByte(0)).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4);
    }

    @Test
    void flushExpired_missingPacketGivenUpAfterDelay_countedLost() {
        offer(b, 0, 10, 12, 13);
        assertThat(out).containsExactly(10);

        b.flushExpired(Duration.ofMillis(100).toNanos(), p -> out.add(p.sequenceNumber()));

        assertThat(out).containsExactly(10, 12, 13);
        assertThat(b.lost()).isEqualTo(1);
    }

    @Test
    void offer_packetAfterGiveUp_droppedAsLate() {
        offer(b, 0, 10, 12);
        b.flushExpired(Duration.ofSeconds(1).toNanos(), p -> out.add(p.sequenceNumber()));

        offer(b, Duration.ofSeconds(1).toNanos(), 11);

        assertThat(out).containsExactly(10, 12);
        assertThat(b.late()).isEqualTo(1);
    }

    @Test
    void offer_acrossSequenceWrap_inOrder() {
        offer(b, 0, 65534, 0, 65535, 1);

        assertThat(out).containsExactly(65534, 65535, 0, 1);
    }

    @Test
    void inOrder_gapPassesThroughAndIsCounted() {
        ReorderBuffer inOrder = ReorderBuffer.inOrder();

        offer(inOrder, 0, 5, 6, 9);

        assertThat(out).containsExactly(5, 6, 9);
        assertThat(inOrder.lost()).isEqualTo(2);
    }

    @Test
    void offer_restartedSender_flushesAndFollowsNewSequence() {
        offer(b, 0, 40000, 40002, 100, 101);

        assertThat(out).containsExactly(40000, 40002, 100, 101);
    }
}
