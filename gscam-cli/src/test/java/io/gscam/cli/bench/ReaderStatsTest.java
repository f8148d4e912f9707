package io.gscam.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderStatsTest {
    private final ReaderStats s = new ReaderStats();

    @Test
    void frame_consecutiveSequence_noLoss() {
        for (int i = 0; i < 5; i++) {
            s.frame(0, 100, 65533 + i & 0xFFFF, 1_000_000L * i);
        }
        assertThat(s.lost()).isZero();
        assertThat(s.packets()).isEqualTo(5);
        assertThat(s.bytes()).isEqualTo(5 * 104);
    }

    @Test
    void frame_forwardJumpAcrossWrap_countsMissingPackets() {
        s.frame(0, 10, 65534, 1);
        s.frame(0, 10, 2, 2); // 65535, 0, 1 missing
        assertThat(s.lost()).isEqualTo(3);
    }

    @Test
    void frame_channelsTrackedSeparately_rtcpNotCounted() {
        s.frame(0, 10, 100, 1);
        s.frame(2, 10, 5000, 2);
        s.frame(1, 28, -1, 3);
        s.frame(0, 10, 101, 4);
        s.frame(2, 10, 5001, 5);
        assertThat(s.lost()).isZero();
        assertThat(s.packets()).isEqualTo(4);
    }

    @Test
    void frame_worstGap_isLongestPauseBetweenPackets_resetStartsWindow() {
        s.frame(0, 10, 1, 1_000);
        s.frame(0, 10, 2, 501_000);
        s.resetGap(501_000);
        s.frame(0, 10, 3, 601_000);
        s.frame(0, 10, 4, 651_000);
        assertThat(s.worstGapNanos()).isEqualTo(100_000);
        assertThat(s.worstGapEndNanos()).as("when the worst gap ended").isEqualTo(601_000);
        assertThat(s.openingGapNanos()).as("no pause was in progress at the reset").isZero();
    }

    @Test
    void frame_aPauseInProgressWhenTheWindowOpens_countsFromTheOpening_andIsKeptWhole() {
        s.frame(0, 10, 1, 1_000_000);
        s.resetGap(81_000_000);
        s.frame(0, 10, 2, 121_000_000); // 120 ms since the last packet, 40 ms of it in the window
        s.frame(0, 10, 3, 181_000_000); // 60 ms, all in the window
        assertThat(s.worstGapNanos()).isEqualTo(60_000_000);
        assertThat(s.openingGapNanos()).isEqualTo(120_000_000);
    }

    @Test
    void frame_duplicateOrOld_isNotLoss() {
        s.frame(0, 10, 10, 1);
        s.frame(0, 10, 9, 2);
        assertThat(s.lost()).isZero();
    }
}
