package io.gscam.camera.source;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class MjpegLiveSourceTest {
    private Instant now = Instant.parse("2024-05-01T12:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void next_framesAt30FpsOnA90kHzClockAllKeyframes() throws IOException {
        try (TestPatternRenderer r = new TestPatternRenderer(0, 176, 144, FrameRate.of(30))) {
            MjpegLiveSource source = new MjpegLiveSource(r, FrameRate.of(30), clock, 2000);

            TrackInfo t = source.tracks().get(0);
            assertThat(t.payloadType()).isEqualTo(26);
            assertThat(t.encodingName()).isEqualTo("JPEG");
            assertThat(t.clockRate()).isEqualTo(90_000);
            assertThat(t.width()).isEqualTo(176);
            for (int i = 0; i < 4; i++) {
                TimedSample s = source.next();
                assertThat(s.sample().rtpTimestamp()).isEqualTo(3000L * i);
                assertThat(s.presentationTime()).isEqualTo(Duration.ofNanos(i * 1_000_000_000L / 30));
                assertThat(s.sample().keyframe()).isTrue();
                assertThat(ImageIO.read(new ByteArrayInputStream(s.sample().data())).getHeight()).isEqualTo(144);
            }
        }
    }

    @Test
    void snapshotJpeg_whileStreaming_isTheLatestFrame_andWhenIdle_aFreshOne() {
        try (TestPatternRenderer r = new TestPatternRenderer(0, 176, 144, FrameRate.of(30))) {
            MjpegLiveSource source = new MjpegLiveSource(r, FrameRate.of(30), clock, 2000);
            byte[] streamed = source.next().sample().data();

            assertThat(source.snapshotJpeg()).isSameAs(streamed);

            now = now.plusSeconds(5);
            byte[] fresh = source.snapshotJpeg();
            assertThat(fresh).isNotEqualTo(streamed);
        }
    }

    @Test
    void snapshotJpeg_beforeAnyFrame_rendersOne() throws IOException {
        try (TestPatternRenderer r = new TestPatternRenderer(4, 352, 240, FrameRate.of(15))) {
            MjpegLiveSource source = new MjpegLiveSource(r, FrameRate.of(15), clock, 500);
            assertThat(ImageIO.read(new ByteArrayInputStream(source.snapshotJpeg())).getWidth()).isEqualTo(352);
        }
    }
}
