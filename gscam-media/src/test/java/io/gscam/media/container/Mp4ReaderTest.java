package io.gscam.media.container;

import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaKind;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mp4Reader against ffprobe's view of files ffmpeg wrote. */
class Mp4ReaderTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void requireFfmpeg() {
        Ffmpeg.assumeInstalled();
    }

    private static Path make(String name, String... audioArgs) throws Exception {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "2",
                "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p"));
        args.addAll(List.of(audioArgs));
        args.add(file.toString());
        Ffmpeg.ffmpeg(dir, args.toArray(String[]::new));
        return file;
    }

    /** 2 s of 320x240 H.264 without audio, made once for the tests that only read video. */
    private static Path videoOnly() throws Exception {
        Path file = dir.resolve("video.mp4");
        return Files.exists(file) ? file : make(file.getFileName().toString(), "-an");
    }

    @Test
    void videoTrack_samplesKeyframesAndTimesMatchFfprobe() throws Exception {
        Path file = videoOnly();
        List<Map<String, String>> packets = Ffmpeg.packets(file, 0);
        try (Mp4Reader reader = Mp4Reader.open(file)) {
            Mp4Track video = reader.firstTrack(MediaKind.VIDEO);
            assertThat(video.codec()).isEqualTo(TrackCodec.H264);
            assertThat(video.width()).isEqualTo(320);
            assertThat(video.height()).isEqualTo(240);
            assertThat(video.sampleCount()).isEqualTo(packets.size()).isEqualTo(TestMedia.FRAMES);
            for (int i = 0; i < video.sampleCount(); i++) {
                Map<String, String> p = packets.get(i);
                assertThat(video.presentationTime(i)).as("pts of %d", i).isEqualTo(Long.parseLong(p.get("pts")));
                assertThat(video.decodeTime(i)).as("dts of %d", i).isEqualTo(Long.parseLong(p.get("dts")));
                assertThat(video.duration(i)).isEqualTo(Long.parseLong(p.get("duration")));
                assertThat(video.keyframe(i)).as("keyframe %d", i).isEqualTo(p.get("flags").startsWith("K"));
                assertThat(video.size(i)).isEqualTo(Integer.parseInt(p.get("size")));
            }
            assertThat(video.averageRate()).isEqualTo(25.0);
        }
    }

    @Test
    void videoSamples_areAnnexBWithParameterSetsOnKeyframes_andDecode() throws Exception {
        Path file = videoOnly();
        Path out = dir.resolve("rebuilt.h264");
        try (Mp4Reader reader = Mp4Reader.open(file); var os = Files.newOutputStream(out)) {
            Mp4Track video = reader.firstTrack(MediaKind.VIDEO);
            var it = reader.samples(video);
            while (it.hasNext()) {
                Mp4Sample s = it.next();
                List<NalUnit> units = AnnexB.split(s.data());
                if (s.keyframe()) {
                    assertThat(units.get(0).type()).isEqualTo(NalUnit.TYPE_SPS);
                    assertThat(units.get(1).type()).isEqualTo(NalUnit.TYPE_PPS);
                }
                os.write(s.data());
            }
        }
        List<Map<String, String>> streams = Ffmpeg.streams(out);
        assertThat(streams.get(0).get("nb_read_frames")).isEqualTo(String.valueOf(TestMedia.FRAMES));
        assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    }

    @Test
    void movWithMuLaw_audioIsReadInChunksCoveringEverySample() throws Exception {
        Path file = make("g711.mov", "-c:a", "pcm_mulaw");
        try (Mp4Reader reader = Mp4Reader.open(file)) {
            Mp4Track audio = reader.firstTrack(MediaKind.AUDIO);
            assertThat(audio.codec()).isEqualTo(TrackCodec.PCMU);
            assertThat(audio.sampleEntryType()).isEqualTo("ulaw");
            assertThat(audio.sampleRate()).isEqualTo(8000);
            assertThat(audio.channels()).isEqualTo(1);
            long bytes = 0;
            long expectedTime = 0;
            for (int i = 0; i < audio.sampleCount(); i++) {
                assertThat(audio.decodeTime(i)).isEqualTo(expectedTime);
                expectedTime += audio.duration(i);
                bytes += reader.readSample(audio, i).data().length;
            }
            assertThat(bytes).isEqualTo(16_000);
            assertThat(audio.totalDuration()).isEqualTo(16_000);
            assertThat(reader.firstTrack(MediaKind.VIDEO).sampleCount()).isEqualTo(TestMedia.FRAMES);
        }
    }

    @Test
    void roundTrip_fragmentedWriterInput_fromReaderOutput() throws Exception {
        // The camera's path in reverse: samples read from an MP4 go into a recording that ffprobe counts.
        Path file = videoOnly();
        Path mkv = dir.resolve("copy.mkv");
        try (Mp4Reader reader = Mp4Reader.open(file); ContainerWriter writer = ContainerWriters.forFile(mkv)) {
            Mp4Track video = reader.firstTrack(MediaKind.VIDEO);
            int id = writer.addTrack(video.toTrack());
            var it = reader.samples(video);
            while (it.hasNext()) {
                Mp4Sample s = it.next();
                long rtp = s.presentationTime() * 90_000 / video.timescale();
                writer.writeSample(id, io.gscam.media.MediaSample.video(rtp, s.data(), s.keyframe()));
            }
        }
        assertThat(Ffmpeg.streams(mkv).get(0).get("nb_read_frames")).isEqualTo(String.valueOf(TestMedia.FRAMES));
    }

    @Test
    void notAnMp4_raisesParseException() throws Exception {
        Path file = dir.resolve("junk.mp4");
        Files.write(file, new byte[]{0, 0, 0, 8, 'f', 'r', 'e', 'e', 0, 0, 0, 9, 'm', 'd', 'a', 't'});
        assertThatThrownBy(() -> Mp4Reader.open(file)).isInstanceOf(ParseException.class);
    }
}
