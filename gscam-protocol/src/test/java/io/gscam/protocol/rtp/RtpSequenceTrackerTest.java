package io.gscam.protocol.rtp;

import io.gscam.protocol.rtp.RtpSequenceTracker.Kind;
import io.gscam.protocol.rtp.RtpSequenceTracker.Update;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpSequenceTrackerTest {

    @Test
    void update_consecutiveNumbers_reportsFirstThenNext() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        assertThat(t.update(1000)).isEqualTo(new Update(Kind.FIRST, 0, 1000));
        assertThat(t.update(1001)).isEqualTo(new Update(Kind.NEXT, 0, 1001));
        assertThat(t.received()).isEqualTo(2);
        assertThat(t.cumulativeLost()).isZero();
    }

    @Test
    void update_acrossTheWrap_extendsTheSequenceNumber() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(65534);
        t.update(65535);
        assertThat(t.update(0)).isEqualTo(new Update(Kind.NEXT, 0, 65536));
        assertThat(t.update(1)).isEqualTo(new Update(Kind.NEXT, 0, 65537));
        assertThat(t.extendedHighestSequence()).isEqualTo(65537);
        assertThat(t.expected()).isEqualTo(4);
        assertThat(t.cumulativeLost()).isZero();
    }

    @Test
    void update_gapAcrossTheWrap_countsTheMissingPackets() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(65533);
        assertThat(t.update(2)).isEqualTo(new Update(Kind.GAP, 4, 65538));
        assertThat(t.cumulativeLost()).isEqualTo(4);
    }

    @Test
    void update_reorderedPacket_isLateAndFillsTheGap() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(10);
        assertThat(t.update(12)).isEqualTo(new Update(Kind.GAP, 1, 12));
        assertThat(t.cumulativeLost()).isEqualTo(1);
        assertThat(t.update(11)).isEqualTo(new Update(Kind.DUPLICATE_OR_LATE, 0, 11));
        assertThat(t.cumulativeLost()).isZero();
        assertThat(t.extendedHighestSequence()).isEqualTo(12);
    }

    @Test
    void update_latePacketFromBeforeTheWrap_getsThePreviousCycle() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(65534);
        t.update(0);
        t.update(1);
        assertThat(t.update(65535)).isEqualTo(new Update(Kind.DUPLICATE_OR_LATE, 0, 65535));
        assertThat(t.cumulativeLost()).isZero();
    }

    @Test
    void update_duplicate_isCountedAsA1DoesSoLossGoesNegative() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(10);
        t.update(11);
        assertThat(t.update(11).kind()).isEqualTo(Kind.DUPLICATE_OR_LATE);
        assertThat(t.cumulativeLost()).isEqualTo(-1);
    }

    @Test
    void update_largeJumpThenItsSuccessor_restartsCounting() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(100);
        t.update(101);
        Update jump = t.update(40000);
        assertThat(jump.kind()).isEqualTo(Kind.JUMP);
        assertThat(jump.accepted()).isFalse();
        assertThat(t.received()).isEqualTo(2);
        assertThat(t.update(40001)).isEqualTo(new Update(Kind.RESTART, 0, 40001));
        assertThat(t.baseSequence()).isEqualTo(40001);
        assertThat(t.received()).isEqualTo(1);
        assertThat(t.update(40002).kind()).isEqualTo(Kind.NEXT);
        assertThat(t.cumulativeLost()).isZero();
    }

    @Test
    void update_singleStrayPacketFarAway_isIgnored() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(100);
        assertThat(t.update(30000).kind()).isEqualTo(Kind.JUMP);
        assertThat(t.update(101).kind()).isEqualTo(Kind.NEXT);
        assertThat(t.cumulativeLost()).isZero();
    }

    @Test
    void update_withProbation_believesOnlyInSequencePackets() {
        RtpSequenceTracker t = RtpSequenceTracker.withProbation(2);
        assertThat(t.update(500).kind()).isEqualTo(Kind.PROBATION);
        assertThat(t.update(700).kind()).isEqualTo(Kind.PROBATION);
        assertThat(t.isValid()).isFalse();
        assertThat(t.update(701)).isEqualTo(new Update(Kind.FIRST, 0, 701));
        assertThat(t.isValid()).isTrue();
        assertThat(t.received()).isEqualTo(1);
        assertThat(t.update(702).kind()).isEqualTo(Kind.NEXT);
    }

    @Test
    void update_outOfRange_isRejected() {
        assertThatThrownBy(() -> new RtpSequenceTracker().update(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpSequenceTracker.withProbation(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportBlock_fractionLostCoversOnlyTheIntervalSinceTheLastReport() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        for (int s = 0; s < 20; s++) {
            if (s < 10 || s >= 15) {
                t.update(s);
            }
        }
        ReportBlock first = t.reportBlock(0xCAFEL, 12, 0xC2A18000L, 0x8000);
        assertThat(first).isEqualTo(new ReportBlock(0xCAFEL, 5 * 256 / 20, 5, 19, 12, 0xC2A18000L, 0x8000));
        for (int s = 20; s < 40; s++) {
            t.update(s);
        }
        ReportBlock second = t.reportBlock(0xCAFEL, 0, 0, 0);
        assertThat(second.fractionLost()).isZero();
        assertThat(second.cumulativeLost()).isEqualTo(5);
        assertThat(second.extendedHighestSequence()).isEqualTo(39);
    }

    @Test
    void reportBlock_nothingReceivedInTheInterval_saysAllLostWithoutOverflow() {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(0);
        t.reportBlock(1, 0, 0, 0);
        // Only a late duplicate arrives: nothing new expected, fraction stays 0.
        t.update(0);
        assertThat(t.reportBlock(1, 0, 0, 0).fractionLost()).isZero();
        assertThat(new RtpSequenceTracker().reportBlock(1, 0, 0, 0).extendedHighestSequence()).isZero();
    }

    static Stream<Arguments> startsAndSteps() {
        return Generators.arguments(1000, r -> new Object[] {Generators.between(r, 0, 65535),
                Generators.list(r, 0, 500, s -> Generators.between(s, 0, 20))});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("startsAndSteps")
    void increasingSequenceWithDrops_lossEqualsTheDropped(int start, List<Integer> steps) {
        RtpSequenceTracker t = new RtpSequenceTracker();
        t.update(start);
        long seq = start;
        long dropped = 0;
        for (int step : steps) {
            int advance = step + 1;
            dropped += advance - 1;
            seq += advance;
            Update u = t.update((int) (seq & 0xFFFF));
            assertThat(u.missing()).isEqualTo(advance - 1);
            assertThat(u.extendedSequence()).isEqualTo(seq);
        }
        assertThat(t.cumulativeLost()).isEqualTo(dropped);
        assertThat(t.extendedHighestSequence()).isEqualTo(seq);
    }
}
