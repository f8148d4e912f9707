package io.gscam.nvr.storage;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentRecoveryTest {
    private static final Instant START = Instant.parse("2026-12-07T01:00:00Z");

    @Test
    void aRecoveredSegmentEndsWhereItsMediaEnds_whenItsFileWasWrittenLater() {
        assertThat(SegmentRecovery.end(START, START.plusSeconds(60), START.plusSeconds(61))).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void mediaThatRanAheadOfTheClock_endsWhenTheFileWasLastWritten() {
        assertThat(SegmentRecovery.end(START, START.plusMillis(60_800), START.plusSeconds(60))).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void aFileTimeBeforeItsStart_givesAnEmptySegmentAtItsStart_notANegativeOne() {
        assertThat(SegmentRecovery.end(START, START.plusSeconds(5), START.minusSeconds(3))).isEqualTo(START);
    }
}
