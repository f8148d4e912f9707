package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import io.gscam.media.rtp.MediaFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipTest {
    static final TrackInfo VIDEO = TrackInfo.video(
            new MediaFormat(MediaKind.VIDEO, 96, "H264", 90_000, 1, Map.of()), 64, 48, FrameRate.of(30), 100);

    static Clip videoClip(int frames) {
        List<byte[]> data = new java.util.ArrayList<>();
        List<Boolean> keys = new java.util.ArrayList<>();
        for (int i = 0; i < frames; i++) {
            data.add(new byte[]{(byte) i});
            keys.add(i % 3 == 0);
        }
        return Clip.atFrameRate(VIDEO, FrameRate.of(30), data, keys);
    }

    @Test
    void atFrameRate_ntscRate_ticksAreExactPerFrameWithoutDrift() {
        TrackInfo t = TrackInfo.video(VIDEO.format(), 64, 48, new FrameRate(30000, 1001), 100);
        List<byte[]> frames = java.util.Collections.nCopies(30000, new byte[1]);
        List<Boolean> keys = new java.util.ArrayList<>(java.util.Collections.nCopies(30000, false));
        keys.set(0, true);

        Clip clip = Clip.atFrameRate(t, new FrameRate(30000, 1001), frames, keys);

        assertThat(clip.samples().get(1).ticks()).isEqualTo(3003);
        assertThat(clip.durationTicks()).isEqualTo(30000L * 3003);
    }

    @Test
    void constructor_videoNotStartingWithKeyframe_isRejected() {
        assertThatThrownBy(() -> new Clip(VIDEO, List.of(new Clip.Sample(0, new byte[1], false)), 3000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyframe");
    }

    @Test
    void constructor_timesNotIncreasing_isRejected() {
        assertThatThrownBy(() -> new Clip(VIDEO, List.of(new Clip.Sample(0, new byte[1], true),
                new Clip.Sample(0, new byte[1], false)), 3000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_lengthNotPastLastSample_isRejected() {
        assertThatThrownBy(() -> new Clip(VIDEO, List.of(new Clip.Sample(0, new byte[1], true),
                new Clip.Sample(3000, new byte[1], false)), 3000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopingSource_continuesTimestampsAcrossLoopsAndWrapsAt32Bits() {
        LoopingSource source = new LoopingSource(videoClip(4));
        List<Long> ts = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ts.add(source.next().sample().rtpTimestamp());
        }
        assertThat(ts).containsExactly(0L, 3000L, 6000L, 9000L, 12000L, 15000L, 18000L, 21000L, 24000L);

        // 2^32 / 3000 is not whole: find the sample after the wrap and check it is the unsigned remainder.
        LoopingSource far = new LoopingSource(videoClip(4));
        long wrapIndex = (1L << 32) / 3000 + 1;
        TimedSample s = null;
        for (long i = 0; i <= wrapIndex; i++) {
            s = far.next();
        }
        assertThat(s.sample().rtpTimestamp()).isEqualTo((wrapIndex * 3000) & 0xFFFFFFFFL);
        assertThat(s.presentationTime()).isEqualTo(Duration.ofNanos(wrapIndex * 1_000_000_000L / 30));
    }

    @Test
    void loopingSource_afterClose_returnsNull() {
        LoopingSource source = new LoopingSource(videoClip(2));
        source.close();
        assertThat(source.next()).isNull();
    }
}
