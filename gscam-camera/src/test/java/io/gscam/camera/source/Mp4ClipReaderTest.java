package io.gscam.camera.source;

import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.container.Mp4Reader;
import io.gscam.media.g711.G711Law;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Mp4ClipReaderTest {
    @TempDir
    static Path dir;
    private static Path mov;

    private final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void makeMov() throws Exception {
        Peers.assumeInstalled("ffmpeg");
        mov = dir.resolve("cam.mov");
        Ffmpeg.ffmpeg(dir, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=8000", "-t", "2", "-c:v", "libx264", "-g", "25", "-bf", "0",
                "-pix_fmt", "yuv420p", "-c:a", "pcm_mulaw", "-ac", "1", mov.toString());
    }

    @Test
    void h264AndMuLaw_giveTheVideoClipAtTheFileTimes_andTheAudioPieces() throws Exception {
        try (Mp4Reader reader = Mp4Reader.open(mov)) {
            Mp4ClipReader.Mp4Clips clips = Mp4ClipReader.read(reader, FrameRate.of(10), true, notes);

            Clip video = clips.video();
            assertThat(video.track().width()).isEqualTo(320);
            assertThat(video.track().height()).isEqualTo(240);
            assertThat(video.track().frameRate()).isEqualTo(FrameRate.of(25));
            assertThat(video.size()).isEqualTo(50);
            assertThat(video.durationTicks()).isEqualTo(180_000);
            assertThat(video.samples().get(1).ticks()).isEqualTo(3600);
            assertThat(clips.audio().law()).isEqualTo(G711Law.MU_LAW);
            assertThat(clips.audio().endSample()).isBetween(15_900L, 16_100L);
            assertThat(clips.audio().description()).startsWith("audio track");
        }
        assertThat(notes).isEmpty();
    }

    @Test
    void audioOff_readsNoAudio() throws Exception {
        try (Mp4Reader reader = Mp4Reader.open(mov)) {
            assertThat(Mp4ClipReader.read(reader, FrameRate.of(10), false, notes).audio()).isNull();
        }
    }
}
