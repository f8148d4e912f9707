package io.gscam.media.container;

import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.media.g726.G726Packing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recordings written by the container writers, checked by ffprobe and ffmpeg. */
class ContainerWriterInteropTest extends H264InputTestBase {
    private static final long AUDIO_RTP_BASE = 123_456;

    private record Audio(Track track, List<byte[]> packets, int samplesPerPacket) {
    }

    private static Audio audio(String codec) throws Exception {
        return switch (codec) {
            case "pcmu" -> new Audio(Track.pcmu(8000), TestMedia.chunks(TestMedia.audio(dir, "a.ul", "-f", "mulaw"), 160), 160);
            case "pcma" -> new Audio(Track.pcma(8000), TestMedia.chunks(TestMedia.audio(dir, "a.al", "-f", "alaw"), 160), 160);
            case "g726le" -> new Audio(Track.g726(4, G726Packing.RFC3551_LE),
                    TestMedia.chunks(TestMedia.audio(dir, "a.g726le", "-c:a", "g726le", "-b:a", "32k", "-f", "g726le"), 80), 160);
            case "g726" -> new Audio(Track.g726(4, G726Packing.AAL2_BE),
                    TestMedia.chunks(TestMedia.audio(dir, "a.g726", "-c:a", "g726", "-b:a", "32k", "-f", "g726"), 80), 160);
            case "s16le" -> new Audio(Track.pcmS16le(8000, 1), TestMedia.chunks(TestMedia.audio(dir, "a.s16", "-f", "s16le"), 320), 160);
            default -> throw new IllegalArgumentException(codec);
        };
    }

    /** Writes every access unit and audio packet, interleaved by time as a camera sends them. */
    private static void record(ContainerWriter writer, List<byte[]> frames, boolean jpeg, Audio audio) throws IOException {
        int v = jpeg ? writer.addTrack(Track.mjpeg(320, 240)) : writer.addTrack(Track.h264(320, 240, null, null));
        if (audio == null) {
            TestMedia.interleave(writer, v, frames, jpeg, -1, List.of());
        } else {
            int a = writer.addTrack(audio.track());
            TestMedia.interleave(writer, v, frames, jpeg, a,
                    TestMedia.audioSamples(AUDIO_RTP_BASE, audio.packets(), audio.samplesPerPacket()));
        }
    }

    private static List<byte[]> h264Frames() {
        return video.stream().map(AccessUnit::annexB).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcmu", "pcma", "g726le", "g726", "s16le"})
    void matroska_h264WithAudio_ffprobeCountsEverySample(String codec) throws Exception {
        Map<String, String> a = recordH264WithAudio(codec, "mkv");
        assertThat(a.get("channels")).isEqualTo("1");
    }

    @Test
    void matroska_g726LsbFirst_decodesToTheSameSamplesAsFfmpegsG726le() throws Exception {
        Audio audio = audio("g726le");
        Path file = dir.resolve("g726-only.mkv");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            int a = writer.addTrack(audio.track());
            for (int i = 0; i < audio.packets().size(); i++) {
                writer.writeSample(a, MediaSample.audio(i * 160L, audio.packets().get(i)));
            }
        }
        Ffmpeg.ffmpeg(dir, "-i", file.toString(), "-f", "s16le", dir.resolve("from-mkv.raw").toString());
        Ffmpeg.ffmpeg(dir, "-f", "g726le", "-code_size", "4", "-sample_rate", "8000", "-i", dir.resolve("a.g726le").toString(),
                "-f", "s16le", dir.resolve("from-raw.raw").toString());
        assertThat(Files.readAllBytes(dir.resolve("from-mkv.raw"))).isEqualTo(Files.readAllBytes(dir.resolve("from-raw.raw")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcmu", "pcma", "s16le"})
    void fragmentedMp4_h264WithAudio_ffprobeCountsEverySample(String codec) throws Exception {
        assertThat(recordH264WithAudio(codec, "mp4")).containsKey("codec_name");
    }

    /**
     * Records the H.264 frames with {@code codec} audio into a file of that extension and checks what
     * ffprobe counts: every video frame and audio packet, the codecs, 8 kHz, no decode error.
     * Returns ffprobe's audio stream for further checks.
     */
    private static Map<String, String> recordH264WithAudio(String codec, String extension) throws Exception {
        Audio audio = audio(codec);
        Path file = dir.resolve("h264-" + codec + "." + extension);
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            record(writer, h264Frames(), false, audio);
        }
        List<Map<String, String>> streams = Ffmpeg.streams(file);
        assertThat(streams).hasSize(2);
        assertVideo(streams.get(0), "h264", TestMedia.FRAMES);
        Map<String, String> a = streams.get(1);
        assertThat(a.get("codec_name")).isEqualTo(switch (codec) {
            case "pcmu" -> "pcm_mulaw";
            case "pcma" -> "pcm_alaw";
            case "s16le" -> "pcm_s16le";
            default -> "adpcm_g726";
        });
        assertThat(a.get("sample_rate")).isEqualTo("8000");
        assertThat(Integer.parseInt(a.get("nb_read_frames"))).isEqualTo(audio.packets().size());
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mkv", "mp4"})
    void mjpeg_everyFrameReadable(String extension) throws Exception {
        List<byte[]> frames = TestMedia.jpegFrames(dir);
        assertThat(frames).hasSize(TestMedia.FRAMES);
        Path file = dir.resolve("mjpeg." + extension);
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            record(writer, frames, true, null);
        }
        List<Map<String, String>> streams = Ffmpeg.streams(file);
        assertThat(streams).hasSize(1);
        assertVideo(streams.get(0), "mjpeg", TestMedia.FRAMES);
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
    }

    @Test
    void fragmentedMp4_refusesG726() throws Exception {
        try (ContainerWriter writer = ContainerWriters.forFile(dir.resolve("no-g726.mp4"))) {
            assertThat(writer.supports(Track.g726(4, G726Packing.RFC3551_LE))).isFalse();
            assertThat(writer.supports(Track.pcmu(8000))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mkv", "mp4"})
    void truncatedInsideTheSecondGop_completeFirstGopStillPlays(String extension) throws Exception {
        Path file = dir.resolve("full." + extension);
        // A stream output: nothing is patched afterwards, as after a kill -9.
        try (ContainerWriter writer = extension.equals("mkv")
                ? MatroskaWriter.create(Files.newOutputStream(file), "gscam-test")
                : FragmentedMp4Writer.create(Files.newOutputStream(file))) {
            record(writer, h264Frames(), false, audio("pcmu"));
        }
        byte[] all = Files.readAllBytes(file);
        // Cut inside the second GOP (frames 25..49): only the first second is complete.
        Path cut = dir.resolve("cut." + extension);
        Files.write(cut, java.util.Arrays.copyOf(all, (int) (all.length * 0.75)));
        List<Map<String, String>> streams = Ffmpeg.streams(cut);
        assertThat(streams.get(0).get("codec_name")).isEqualTo("h264");
        int frames = Integer.parseInt(streams.get(0).get("nb_read_frames"));
        assertThat(frames).isBetween(25, TestMedia.FRAMES - 1);
    }

    @Test
    void matroska_seekableClose_writesCuesAndDuration() throws Exception {
        Path file = dir.resolve("indexed.mkv");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            record(writer, h264Frames(), false, null);
        }
        PeerResult r = Peers.run(dir, "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                "default=nw=1:nk=1", file.toString());
        assertThat(Double.parseDouble(r.stdout().strip())).isBetween(1.99, 2.01);
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(new String(new byte[]{0x1C, 0x53, (byte) 0xBB, 0x6B}, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static void assertVideo(Map<String, String> s, String codec, int frames) {
        assertThat(s.get("codec_name")).isEqualTo(codec);
        assertThat(s.get("width")).isEqualTo("320");
        assertThat(s.get("height")).isEqualTo("240");
        assertThat(Integer.parseInt(s.get("nb_read_frames"))).isEqualTo(frames);
    }
}
