package io.gscam.camera.source;

import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaKind;
import io.gscam.media.g711.G711Law;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files made with ffmpeg, opened as looping sources: tracks, loop lengths, timestamps across loops, errors. */
class FileSourcesTest {
    private static final int FRAMES = 50; // 2 s at 25 fps
    private static final int LOOPS = 3;

    @TempDir
    Path dir;

    @BeforeAll
    static void needFfmpeg() {
        Peers.assumeInstalled("ffmpeg");
    }

    @Test
    void annexB_withoutSibling_isOneVideoTrackFromTheSps() throws Exception {
        Path file = annexB("cam.h264");

        try (FileSource source = FileSources.open(file)) {
            assertThat(source.tracks()).hasSize(1);
            TrackInfo video = source.tracks().get(0);
            assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
            assertThat(video.encodingName()).isEqualTo("H264");
            assertThat(video.width()).isEqualTo(320);
            assertThat(video.height()).isEqualTo(240);
            assertThat(video.frameRate()).isEqualTo(FrameRate.of(25));
            long expectedKbps = Math.round(source.videoClip().totalBytes() * 8 / 2.0 / 1000);
            assertThat(video.bitrateKbps()).isEqualTo((int) Math.max(1, expectedKbps)).isPositive();
            assertSpropMatchesFirstKeyframe(video, source.videoClip());
            assertThat(source.videoClip().size()).isEqualTo(FRAMES);
            assertThat(source.videoClip().durationTicks()).isEqualTo(FRAMES * 3600L);
            assertThat(source.audioClip()).isEmpty();

            List<TimedSample> samples = take(source, LOOPS * FRAMES);
            assertLoops(samples, source.videoClip(), 0);
            assertThat(samples.get(FRAMES).sample().rtpTimestamp()).isEqualTo(180_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcmu", "ulaw"})
    void annexB_withMuLawSibling_addsPcmuTrackOfTheSameLoopLength(String ext) throws Exception {
        Path file = annexB("cam.h264");
        Path audio = dir.resolve("cam." + ext);
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "2", "-ac", "1", "-f", "mulaw", audio.toString());
        byte[] codes = Files.readAllBytes(audio);

        try (FileSource source = FileSources.open(file)) {
            assertThat(source.tracks()).extracting(TrackInfo::kind).containsExactly(MediaKind.VIDEO, MediaKind.AUDIO);
            TrackInfo pcmu = source.tracks().get(1);
            assertThat(pcmu.encodingName()).isEqualTo("PCMU");
            assertThat(pcmu.payloadType()).isZero();
            assertThat(pcmu.clockRate()).isEqualTo(8000);
            Clip audioClip = source.audioClip().orElseThrow();
            assertThat(audioClip.size()).isEqualTo(100);
            assertSameLength(source.videoClip(), audioClip);
            assertThat(audioClip.samples().get(0).data()).isEqualTo(Arrays.copyOf(codes, 160));
            assertThat(audioClip.samples().get(99).data()).isEqualTo(Arrays.copyOfRange(codes, 99 * 160, 100 * 160));

            List<TimedSample> samples = take(source, LOOPS * (FRAMES + 100));
            assertLoops(samples, source.videoClip(), 0);
            assertLoops(samples, audioClip, 1);
            assertThat(samples).filteredOn(s -> s.track() == 1)
                    .allSatisfy(s -> assertThat(s.sample().data()).hasSize(160));
            assertPresentationOrder(samples);
        }
    }

    @Test
    void annexB_withShorterPcmWav_encodesMuLawAndPadsWithSilence() throws Exception {
        Path file = annexB("cam.264");
        Path wav = dir.resolve("cam.wav");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "1", "-ac", "1", "-c:a", "pcm_s16le", wav.toString());
        short[] pcm = wavSamples(Files.readAllBytes(wav));

        try (FileSource source = FileSources.open(file)) {
            Clip audioClip = source.audioClip().orElseThrow();
            assertThat(audioClip.track().encodingName()).isEqualTo("PCMU");
            assertSameLength(source.videoClip(), audioClip);
            assertThat(audioClip.samples().get(0).data()).isEqualTo(G711Law.MU_LAW.encode(Arrays.copyOf(pcm, 160)));
            byte silence = G711Law.MU_LAW.encode(0);
            byte[] last = audioClip.samples().get(audioClip.size() - 1).data();
            assertThat(last).hasSize(160).containsOnly(silence);
            assertThat(source.notes()).anySatisfy(n -> assertThat(n).contains("cam.wav").contains("padded"));
        }
    }

    @Test
    void annexB_withAlawSibling_isPcma_andLongerAudioIsTrimmed() throws Exception {
        Path file = annexB("cam.h264");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "3", "-ac", "1", "-f", "alaw",
                dir.resolve("cam.alaw").toString());

        try (FileSource source = FileSources.open(file)) {
            Clip audioClip = source.audioClip().orElseThrow();
            assertThat(audioClip.track().encodingName()).isEqualTo("PCMA");
            assertThat(audioClip.track().payloadType()).isEqualTo(8);
            assertThat(audioClip.durationTicks()).isEqualTo(16_000);
            assertThat(source.notes()).anySatisfy(n -> assertThat(n).contains("trimmed"));
        }
    }

    @Test
    void annexB_at30fps_withAudio_roundsTheLoopToHalfMillisecondsSoBothClocksMeet() throws Exception {
        Path file = dir.resolve("ntsc.h264");
        // 10 frames at 30 fps: 1/3 s, 30000 ticks, which is 2666.67 samples at 8 kHz.
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-frames:v", "10", "-c:v", "libx264", "-g", "30",
                "-bf", "0", "-pix_fmt", "yuv420p", "-f", "h264", file.toString());
        ffmpeg("-f", "lavfi", "-i", "sine=sample_rate=8000", "-t", "1", "-ac", "1", "-f", "mulaw", dir.resolve("ntsc.pcmu").toString());

        try (FileSource source = FileSources.open(file)) {
            Clip video = source.videoClip();
            assertThat(video.track().frameRate()).isEqualTo(FrameRate.of(30));
            assertThat(video.samples().get(9).ticks()).isEqualTo(27_000);
            assertThat(video.durationTicks()).isEqualTo(30_015); // 667 half-milliseconds
            Clip audio = source.audioClip().orElseThrow();
            assertThat(audio.durationTicks()).isEqualTo(2668);
            assertSameLength(video, audio);
            assertThat(audio.samples().get(audio.size() - 1).data()).hasSize(2668 - 16 * 160);
            List<TimedSample> samples = take(source, LOOPS * (10 + 17));
            assertLoops(samples, video, 0);
            assertLoops(samples, audio, 1);
        }
    }

    @Test
    void annexB_audioOff_ignoresSibling() throws Exception {
        Path file = annexB("cam.h264");
        ffmpeg("-f", "lavfi", "-i", "sine=sample_rate=8000", "-t", "2", "-ac", "1", "-f", "mulaw", dir.resolve("cam.pcmu").toString());

        try (FileSource source = FileSources.open(file, FileSourceOptions.DEFAULTS.withAudio(false))) {
            assertThat(source.tracks()).hasSize(1);
        }
    }

    @Test
    void annexB_startingWithNonKeyFrames_dropsThemAndLoopsFromTheIdr() throws Exception {
        Path file = annexB("full.h264");
        byte[] stream = Files.readAllBytes(file);
        int second = secondIdrAccessUnitStart(stream);
        // Keep SPS/PPS of the first IDR, then the 10 P frames before the second IDR, then the rest.
        byte[] cut = concat(Arrays.copyOf(stream, firstSliceStart(stream)), Arrays.copyOfRange(stream, pFrameStart(stream, second, 10), stream.length));
        Path broken = dir.resolve("late.h264");
        Files.write(broken, cut);

        try (FileSource source = FileSources.open(broken)) {
            assertThat(source.videoClip().size()).isEqualTo(25);
            assertThat(source.notes()).anySatisfy(n -> assertThat(n).contains("keyframe"));
            assertLoops(take(source, LOOPS * 25), source.videoClip(), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"av.mov", "av.mp4"})
    void mp4_withH264AndMuLaw_hasBothTracksInStep(String name) throws Exception {
        Path file = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-t", "2", "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p",
                "-c:a", "pcm_mulaw", "-ac", "1", "-f", "mov", file.toString());

        try (FileSource source = FileSources.open(file)) {
            assertThat(source.tracks()).extracting(TrackInfo::encodingName).containsExactly("H264", "PCMU");
            TrackInfo video = source.tracks().get(0);
            assertThat(video.width()).isEqualTo(320);
            assertThat(video.height()).isEqualTo(240);
            assertThat(video.frameRate()).isEqualTo(FrameRate.of(25));
            assertThat(video.bitrateKbps()).isPositive();
            assertSpropMatchesFirstKeyframe(video, source.videoClip());
            assertThat(source.videoClip().size()).isEqualTo(FRAMES);
            assertThat(source.videoClip().durationTicks()).isEqualTo(180_000);
            Clip audioClip = source.audioClip().orElseThrow();
            assertThat(audioClip.size()).isEqualTo(100);
            assertSameLength(source.videoClip(), audioClip);
            assertThat(source.notes()).isEmpty();

            List<TimedSample> samples = take(source, LOOPS * (FRAMES + 100));
            assertLoops(samples, source.videoClip(), 0);
            assertLoops(samples, audioClip, 1);
            assertThat(samples).filteredOn(s -> s.track() == 1).hasSize(LOOPS * 100)
                    .allSatisfy(s -> assertThat(s.sample().data()).hasSize(160));
            assertPresentationOrder(samples);
        }
    }

    @Test
    void mp4_withVariableFrameRate_keepsTheFileTimes() throws Exception {
        Path file = dir.resolve("vfr.mp4");
        // Frame 10 removed: frame 11 follows frame 9 after 80 ms.
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-vf", "select='not(eq(n\\,10))'",
                "-vsync", "vfr", "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", file.toString());

        try (FileSource source = FileSources.open(file)) {
            List<Clip.Sample> samples = source.videoClip().samples();
            assertThat(samples).hasSize(FRAMES - 1);
            assertThat(samples.get(9).ticks()).isEqualTo(9 * 3600L);
            assertThat(samples.get(10).ticks()).isEqualTo(11 * 3600L);
            assertThat(source.videoClip().durationTicks()).isEqualTo(180_000);
        }
    }

    @Test
    void mp4_withAac_servesVideoOnlyAndSaysWhy() throws Exception {
        Path file = dir.resolve("aac.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=8000",
                "-t", "2", "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", file.toString());

        try (FileSource source = FileSources.open(file)) {
            assertThat(source.tracks()).extracting(TrackInfo::kind).containsExactly(MediaKind.VIDEO);
            assertThat(source.notes()).anySatisfy(n -> assertThat(n).contains("mp4a").contains("skipped"));
        }
    }

    @Test
    void mov_startingWithNonKeyFrames_loopsFromTheFirstKeyframeWithAudioAligned() throws Exception {
        Path full = dir.resolve("full.mov");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-t", "2", "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p",
                "-c:a", "pcm_mulaw", "-ac", "1", full.toString());
        Path cut = dir.resolve("cut.mov");
        ffmpeg("-i", full.toString(), "-ss", "0.5", "-c", "copy", "-copyinkf", cut.toString());

        try (FileSource source = FileSources.open(cut)) {
            Clip video = source.videoClip();
            assertThat(video.samples().get(0).keyframe()).isTrue();
            assertThat(NalUnits.types(video.samples().get(0).data())).containsSubsequence(7, 8, 5);
            assertThat(video.size()).isEqualTo(25);
            assertThat(source.notes()).anySatisfy(n -> assertThat(n).startsWith("dropped").contains("keyframe"));
            Clip audio = source.audioClip().orElseThrow();
            assertSameLength(video, audio);
            assertLoops(take(source, LOOPS * (25 + 50)), video, 0);
        }
    }

    @Test
    void mp4_truncated_failsNamingTheFile() throws Exception {
        Path full = dir.resolve("whole.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", full.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> FileSources.open(cut)).isInstanceOf(IOException.class).hasMessageContaining("cut.mp4");

        Path fast = dir.resolve("fast.mp4");
        ffmpeg("-i", full.toString(), "-c", "copy", "-movflags", "+faststart", fast.toString());
        byte[] fastBytes = Files.readAllBytes(fast);
        Path fastCut = dir.resolve("fastcut.mp4");
        Files.write(fastCut, Arrays.copyOf(fastBytes, fastBytes.length / 2));

        assertThatThrownBy(() -> FileSources.open(fastCut)).isInstanceOf(IOException.class)
                .hasMessageContaining("fastcut.mp4").hasMessageContaining("past the end");
    }

    @Test
    void annexB_truncatedBeforeTheFirstPicture_failsNamingTheFile() throws Exception {
        byte[] stream = Files.readAllBytes(annexB("whole.h264"));
        Path cut = dir.resolve("cut.h264");
        Files.write(cut, Arrays.copyOf(stream, firstSliceStart(stream)));

        assertThatThrownBy(() -> FileSources.open(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining("cut.h264").hasMessageContaining("IDR");
    }

    @Test
    void nonMediaFiles_failNamingTheFile() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a video\n".repeat(100), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FileSources.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("not a media file");

        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        for (String name : List.of("noise.h264", "noise.mp4", "noise.mov")) {
            Path file = dir.resolve(name);
            Files.write(file, noise);
            assertThatThrownBy(() -> FileSources.open(file)).as(name).isInstanceOf(IOException.class).hasMessageContaining(name);
        }

        Path empty = dir.resolve("empty.h264");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> FileSources.open(empty)).isInstanceOf(IOException.class).hasMessageContaining("empty.h264");

        assertThatThrownBy(() -> FileSources.open(dir.resolve("missing.mp4"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.mp4");
    }

    @Test
    void fileLargerThanTheLimit_isRefused() throws Exception {
        Path file = annexB("cam.h264");
        assertThatThrownBy(() -> FileSources.open(file, FileSourceOptions.DEFAULTS.withMaxFileBytes(1000)))
                .isInstanceOf(IOException.class).hasMessageContaining("cam.h264").hasMessageContaining("1000");
    }

    @Test
    void restart_playsFromTheStartAgain() throws Exception {
        try (FileSource source = FileSources.open(annexB("cam.h264"))) {
            take(source, 7);
            try (FileSource again = source.restart()) {
                TimedSample first = again.next();
                assertThat(first.sample().rtpTimestamp()).isZero();
                assertThat(first.sample().keyframe()).isTrue();
            }
        }
    }

    // ---- helpers ----

    private Path annexB(String name) throws Exception {
        Path file = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libx264", "-g", "25", "-bf", "0",
                "-pix_fmt", "yuv420p", "-f", "h264", file.toString());
        return file;
    }

    private static List<TimedSample> take(MediaSource source, int n) {
        List<TimedSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TimedSample s = source.next();
            assertThat(s).as("sample %d", i).isNotNull();
            out.add(s);
        }
        return out;
    }

    /** Track {@code track}'s samples: strictly increasing timestamps, loop k shifted by k lengths, keyframe first. */
    private static void assertLoops(List<TimedSample> samples, Clip clip, int track) {
        List<TimedSample> mine = samples.stream().filter(s -> s.track() == track).toList();
        assertThat(mine.size()).isGreaterThanOrEqualTo(LOOPS * clip.size());
        long previous = -1;
        for (int i = 0; i < LOOPS * clip.size(); i++) {
            TimedSample s = mine.get(i);
            int loop = i / clip.size();
            Clip.Sample original = clip.samples().get(i % clip.size());
            long expected = loop * clip.durationTicks() + original.ticks();
            assertThat(s.sample().rtpTimestamp()).as("sample %d", i).isEqualTo(expected).isGreaterThan(previous);
            previous = expected;
            assertThat(s.sample().data()).isSameAs(original.data());
            if (i % clip.size() == 0 && clip.track().kind() == MediaKind.VIDEO) {
                assertThat(s.sample().keyframe()).as("loop %d starts with a keyframe", loop).isTrue();
                assertThat(NalUnits.types(s.sample().data())).as("loop %d", loop).containsSubsequence(7, 8, 5);
            }
        }
    }

    private static void assertPresentationOrder(List<TimedSample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).presentationTime()).isGreaterThanOrEqualTo(samples.get(i - 1).presentationTime());
        }
    }

    /** Same length in seconds, exactly: ticks/90000 == samples/8000. */
    private static void assertSameLength(Clip video, Clip audio) {
        assertThat(audio.track().clockRate()).isEqualTo(8000);
        assertThat(video.durationTicks() * 8000).isEqualTo(audio.durationTicks() * 90_000);
        assertThat(audio.samples()).allSatisfy(s -> assertThat(s.ticks() % 160).isZero());
    }

    private static void assertSpropMatchesFirstKeyframe(TrackInfo video, Clip clip) {
        String[] sets = video.fmtp().get("sprop-parameter-sets").split(",");
        byte[] sps = Base64.getDecoder().decode(sets[0]);
        assertThat(sps[0] & 0x1F).isEqualTo(7);
        assertThat(Base64.getDecoder().decode(sets[1])[0] & 0x1F).isEqualTo(8);
        assertThat(video.fmtp().get("profile-level-id")).isEqualToIgnoringCase(
                String.format("%02x%02x%02x", sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF));
        assertThat(indexOf(clip.samples().get(0).data(), sps)).isNotNegative();
    }

    private static short[] wavSamples(byte[] wav) {
        int data = indexOf(wav, "data".getBytes(StandardCharsets.US_ASCII)) + 8;
        ByteBuffer b = ByteBuffer.wrap(wav, data, wav.length - data).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[(wav.length - data) / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort();
        }
        return out;
    }

    /** Offset of the 00 00 00 01 start code before the first slice (type 1 or 5). */
    private static int firstSliceStart(byte[] stream) {
        return nalStarts(stream, t -> t == 1 || t == 5).get(0);
    }

    private static int secondIdrAccessUnitStart(byte[] stream) {
        // The second IDR's access unit begins at its SPS (x264 repeats SPS/PPS, and SEI on the first only).
        return nalStarts(stream, t -> t == 7).get(1);
    }

    /** Start of the {@code count}-th P frame counted back from {@code before}. */
    private static int pFrameStart(byte[] stream, int before, int count) {
        List<Integer> p = nalStarts(stream, t -> t == 1).stream().filter(at -> at < before).toList();
        return p.get(p.size() - count);
    }

    private static List<Integer> nalStarts(byte[] stream, java.util.function.IntPredicate type) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 < stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (type.test(stream[i + 3] & 0x1F)) {
                    out.add(i > 0 && stream[i - 1] == 0 ? i - 1 : i);
                }
                i += 2;
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void ffmpeg(String... args) throws IOException, InterruptedException {
        Ffmpeg.ffmpeg(dir, args);
    }
}
