package io.gscam.nvr.record;

import io.gscam.client.VideoFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreRollTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    /** GOPs of 1 s at 10 fps; a 2.5 s pre-roll keeps from the keyframe at or before newest - 2.5 s. */
    @Test
    void keepsWholeGopsFromTheKeyframeAtOrBeforeNewestMinusPreRoll() {
        PreRoll p = new PreRoll(Duration.ofMillis(2500), Long.MAX_VALUE);
        for (int i = 0; i <= 55; i++) {
            add(p, i);
        }
        // newest 5.5 s, keep from 3.0 s (the GOP starting at or before 3.0)
        List<PreRoll.Entry> kept = p.drain();
        assertThat(kept.get(0).keyframe()).isTrue();
        assertThat(kept.get(0).wall()).isEqualTo(T0.plusMillis(3000));
        assertThat(kept).hasSize(26);
        assertThat(p.drain()).isEmpty();
    }

    @Test
    void theByteBoundDropsTheOldestGop() {
        PreRoll p = new PreRoll(Duration.ofSeconds(60), 25_000);
        for (int i = 0; i < 30; i++) {
            add(p, i); // 1000 bytes a frame, 10 frames a GOP
        }
        List<PreRoll.Entry> kept = p.drain();
        assertThat(kept.get(0).wall()).isEqualTo(T0.plusMillis(1000));
        assertThat(kept).hasSize(20);
    }

    /** A GOP past the bound with no keyframe to cut at (a camera that stopped sending them): memory stays bounded. */
    @Test
    void aSingleGopPastTheByteBound_isForgotten() {
        PreRoll p = new PreRoll(Duration.ofSeconds(60), 25_000);
        for (int i = 0; i < 30; i++) {
            Instant wall = T0.plusMillis(100L * i);
            p.add(new VideoFrame(0, "H264", 9000L * i, Duration.ofMillis(100L * i), wall, i == 0, new byte[1000],
                    List.of()), wall, i == 0);
        }
        // forgotten when the 26th frame passed 25,000 bytes; the four after it are kept
        List<PreRoll.Entry> kept = p.drain();
        assertThat(kept).hasSize(4);
        assertThat(kept.get(0).wall()).isEqualTo(T0.plusMillis(2600));
        assertThat(kept).noneMatch(PreRoll.Entry::keyframe);
    }

    private static void add(PreRoll p, int i) {
        Instant wall = T0.plusMillis(100L * i);
        boolean key = i % 10 == 0;
        p.add(new VideoFrame(0, "H264", 9000L * i, Duration.ofMillis(100L * i), wall, key, new byte[1000], List.of()),
                wall, key);
    }
}
