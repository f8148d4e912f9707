package io.gscam.server.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The media clock arithmetic of served tracks, and the release-once of a hold on a stream. */
class PublishedTrackTest {

    @Test
    void ticks_isExactForLongDurations() {
        long week = Duration.ofDays(7).toNanos() + 999_999_999L;
        assertThat(PublishedTrack.ticks(week, 90_000)).isEqualTo(7L * 86_400 * 90_000 + 89_999);
        assertThat(PublishedTrack.ticks(-1, 8_000)).isEqualTo(-1);
    }

    @Test
    void rtpTimeAt_wrapsAt32Bits() {
        assertThat(PublishedTrack.rtpTimeAt(1_000_000_000L, 0, 0xFFFFFFFFL - 9, 90_000)).isEqualTo(90_000 - 10);
    }

    @Test
    void streamHold_closedTwice_releasesOnce() {
        AtomicInteger released = new AtomicInteger();
        PacketStream packets = new PacketStream(1, 0, () -> 0L);
        StreamHold hold = new StreamHold(List::of, () -> "test", List.of(), packets, released::incrementAndGet);
        hold.close();
        hold.close();
        assertThat(released).hasValue(1);
    }
}
