package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoopFitterTest {
    private static final Path FILE = Path.of("cam.h264");
    /** 150 frames at 15 fps: exactly 10 s, 900000 ticks. */
    private static final Clip VIDEO = BuiltInLoops.clip(4);

    private final List<String> notes = new ArrayList<>();

    @Test
    void withoutAudio_isTheVideoAlone() {
        try (FileSource source = LoopFitter.fit(FILE, VIDEO, null, notes)) {
            assertThat(source.videoClip()).isSameAs(VIDEO);
            assertThat(source.audioClip()).isEmpty();
            assertThat(source.tracks()).hasSize(1);
        }
        assertThat(notes).isEmpty();
    }

    @Test
    void shorterAudio_isPaddedWithSilenceToTheVideosLength() {
        byte[] codes = new byte[8000 * 4];
        Arrays.fill(codes, (byte) 0x11);

        try (FileSource source = LoopFitter.fit(FILE, VIDEO, AudioPieces.whole(G711Law.MU_LAW, codes, "audio file cam.ulaw"), notes)) {
            Clip audio = source.audioClip().orElseThrow();
            assertThat(audio.durationTicks()).isEqualTo(80_000);
            assertThat(source.videoClip().durationTicks()).isEqualTo(900_000);
        }
        assertThat(notes).singleElement().asString().contains("cam.ulaw is 4.00 s, the video 10.00 s", "padded with silence");
    }

    @Test
    void longerAudio_isTrimmed() {
        byte[] codes = new byte[8000 * 12];

        try (FileSource source = LoopFitter.fit(FILE, VIDEO, AudioPieces.whole(G711Law.A_LAW, codes, "audio file cam.al"), notes)) {
            assertThat(source.audioClip().orElseThrow().durationTicks()).isEqualTo(80_000);
        }
        assertThat(notes).singleElement().asString().contains("trimmed");
    }

    @Test
    void audioWithinAPacketOfTheVideo_isFittedWithoutANote() {
        byte[] codes = new byte[80_000 - 100];

        try (FileSource source = LoopFitter.fit(FILE, VIDEO, AudioPieces.whole(G711Law.MU_LAW, codes, "audio file cam.ul"), notes)) {
            assertThat(source.audioClip()).isPresent();
        }
        assertThat(notes).isEmpty();
    }

    @Test
    void loopLength_isRoundedToHalfMilliseconds_soBothClocksMeetEveryLoop() {
        Clip odd = new Clip(VIDEO.track(), VIDEO.samples(), 900_020); // 20000.44 grains of 45 ticks

        try (FileSource source = LoopFitter.fit(FILE, odd, AudioPieces.whole(G711Law.MU_LAW, new byte[80_000], "a"), notes)) {
            long video = source.videoClip().durationTicks();
            long audio = source.audioClip().orElseThrow().durationTicks();
            assertThat(video).isEqualTo(900_000);
            assertThat(video % LoopFitter.LOOP_GRAIN_VIDEO_TICKS).isZero();
            assertThat(video * 8000).isEqualTo(audio * 90_000);
        }
    }
}
