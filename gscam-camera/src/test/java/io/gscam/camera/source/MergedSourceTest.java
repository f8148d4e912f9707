package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MergedSourceTest {
    @Test
    void next_videoAndAudio_interleavedInPresentationOrderWithTrackIndices() {
        MergedSource merged = MergedSource.of(
                new LoopingSource(ClipTest.videoClip(30)),
                BeepAudio.source(BeepAudio.pcmuFormat(), pcm -> new byte[pcm.length], 64));

        assertThat(merged.tracks()).extracting(TrackInfo::kind).containsExactly(MediaKind.VIDEO, MediaKind.AUDIO);
        List<TimedSample> first = new ArrayList<>();
        TimedSample s;
        while ((s = merged.next()).presentationTime().compareTo(Duration.ofSeconds(1)) < 0) {
            first.add(s);
        }
        assertThat(first).filteredOn(t -> t.track() == 0).hasSize(30)
                .allSatisfy(t -> assertThat(t.sample().kind()).isEqualTo(MediaKind.VIDEO));
        assertThat(first).filteredOn(t -> t.track() == 1).hasSize(50)
                .allSatisfy(t -> assertThat(t.sample().kind()).isEqualTo(MediaKind.AUDIO));
        for (int i = 1; i < first.size(); i++) {
            assertThat(first.get(i).presentationTime()).isGreaterThanOrEqualTo(first.get(i - 1).presentationTime());
        }
    }

    @Test
    void next_livePartWithNothingReady_doesNotHoldTheOtherBack() {
        MediaSource idle = new MediaSource() {
            @Override
            public List<TrackInfo> tracks() {
                return List.of(ClipTest.VIDEO);
            }

            @Override
            public TimedSample next() {
                return null;
            }
        };
        MergedSource merged = MergedSource.of(idle, BeepAudio.source(BeepAudio.pcmuFormat(), pcm -> new byte[pcm.length], 64));

        TimedSample s = merged.next();
        assertThat(s.track()).isEqualTo(1);
        assertThat(merged.next().presentationTime()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void close_closesEveryPart() {
        LoopingSource a = new LoopingSource(ClipTest.videoClip(3));
        LoopingSource b = new LoopingSource(ClipTest.videoClip(3));
        MergedSource.of(a, b).close();
        assertThat(a.next()).isNull();
        assertThat(b.next()).isNull();
    }
}
