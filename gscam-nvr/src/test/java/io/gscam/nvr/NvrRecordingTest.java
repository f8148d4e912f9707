package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.camera.CameraServer;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.SegmentFilesForTests;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NVR recording the emulator: segments on disk and in the index, playable; the API over them.
 * Once with segments through the page cache, once with every segment written {@code O_DIRECT}.
 */
class NvrRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void peers() {
        Assumptions.assumeTrue(Peers.installed("ffprobe") && Peers.installed("ffmpeg"),
                "ffmpeg/ffprobe not installed: the recorded files cannot be judged");
    }

    @ParameterizedTest
    @EnumSource(value = DirectWrites.Mode.class, names = {"OFF", "ALWAYS"})
    void recordsSegmentsThatPlayAndServesThemBack(DirectWrites.Mode direct, @TempDir Path data) throws Exception {
        boolean odirect = direct == DirectWrites.Mode.ALWAYS && SegmentFilesForTests.takesODirect(data);
        try (CameraServer camera = TestNvr.camera(0);
             Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)),
                     TestNvr.options(Duration.ofSeconds(2)).withDirectWrites(direct))) {
            List<Segment> segments = Await.result(Duration.ofSeconds(30), "three segments indexed", () -> {
                List<Segment> s = nvr.index().segments("cam", null, null);
                return s.size() >= 3 ? s : null;
            });
            for (Segment s : segments) {
                Path file = data.resolve(s.path());
                assertThat(file).exists();
                assertThat(Files.size(file)).isEqualTo(s.bytes());
                Map<String, String> v = Ffmpeg.videoStream(file);
                assertThat(v).containsEntry("codec_name", "h264").containsEntry("width", "704").containsEntry("height", "480");
                assertThat(Ffmpeg.decodeErrors(file)).as("ffmpeg decoding %s", s.path()).isEmpty();
                assertThat(s.duration()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(4000));
                assertThat(s.codecs()).startsWith("H264 704x480");
                assertThat(SegmentFilesForTests.fragmentsOnBlockBoundaries(file)).as("%s written O_DIRECT", s.path())
                        .isEqualTo(odirect);
            }

            JsonNode cameras = JSON.readTree(TestNvr.get(nvr, "/api/cameras").body());
            assertThat(cameras).hasSize(1);
            assertThat(cameras.get(0).get("name").asText()).isEqualTo("cam");
            assertThat(cameras.get(0).get("state").asText()).isEqualTo("PLAYING");
            assertThat(cameras.get(0).get("video").get("codec").asText()).isEqualTo("H264");
            assertThat(cameras.get(0).get("video").get("width").asInt()).isEqualTo(704);
            assertThat(cameras.get(0).get("recording").asBoolean()).isTrue();
            assertThat(cameras.get(0).get("server").asText()).contains("GrandStream");

            JsonNode list = JSON.readTree(TestNvr.get(nvr, "/list?camera=cam").body());
            assertThat(list).as("contiguous segments are one span").hasSize(1);
            Instant spanStart = Instant.parse(list.get(0).get("start").asText());
            assertThat(spanStart).isEqualTo(segments.get(0).start());
            assertThat(list.get(0).get("duration").asDouble()).isGreaterThan(4.0);
            // The segment being written is listed too (retried: at the moment one closes, none is open).
            Await.result(Duration.ofSeconds(10), "/list reaching past the last indexed segment", () -> {
                Instant indexedEnd = nvr.index().segments("cam", null, null).stream().map(Segment::end).max(Instant::compareTo).orElseThrow();
                JsonNode l = JSON.readTree(TestNvr.get(nvr, "/list?camera=cam").body());
                JsonNode last = l.get(l.size() - 1);
                return Instant.parse(last.get("start").asText()).plusMillis((long) (last.get("duration").asDouble() * 1000))
                        .isAfter(indexedEnd);
            });
            assertThat(list.get(0).get("url").asText()).startsWith("http://127.0.0.1:").contains("/get?camera=cam&start=");

            // A range across two segments, stitched into one file.
            Instant from = segments.get(0).start().plusMillis(500);
            HttpResponse<byte[]> get = TestNvr.get(nvr, "/get?camera=cam&start=" + from + "&duration=3");
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("content-type")).contains("video/mp4");
            Path clip = data.resolve("clip.mp4");
            Files.write(clip, get.body());
            assertThat(Ffmpeg.videoStream(clip)).containsEntry("codec_name", "h264").containsEntry("width", "704");
            int frames = Integer.parseInt(Ffmpeg.videoStream(clip).get("nb_read_frames"));
            assertThat(frames).as("3 s at 30 fps, from the keyframe before the start").isBetween(80, 150);
            assertThat(Ffmpeg.decodeErrors(clip)).isEmpty();
            assertThat(Ffmpeg.codecs(clip)).as("G.711 goes into MP4 as FLAC, which browsers play").containsExactly("h264", "flac");

            HttpResponse<byte[]> mkv = TestNvr.get(nvr, "/get?camera=cam&start=" + from + "&duration=2&format=mkv");
            assertThat(mkv.statusCode()).isEqualTo(200);
            Path mkvFile = data.resolve("clip.mkv");
            Files.write(mkvFile, mkv.body());
            assertThat(Ffmpeg.codecs(mkvFile)).as("mkv keeps the original audio").containsExactly("h264", "pcm_mulaw");
            assertThat(Ffmpeg.decodeErrors(mkvFile)).isEmpty();

            Await.result(Duration.ofSeconds(5), "/get's temporary files deleted once sent", () -> {
                try (var left = Files.list(data.resolve("tmp"))) {
                    return left.findAny().isEmpty();
                }
            });

            String metrics = TestNvr.text(TestNvr.get(nvr, "/metrics"));
            assertThat(metrics).contains("gscam_camera_state{camera=\"cam\",state=\"PLAYING\"} 1")
                    .contains("gscam_camera_bytes_written_total{camera=\"cam\"}")
                    .contains("gscam_camera_fps{camera=\"cam\"}");
            assertThat(TestNvr.get(nvr, "/api/cameras", null).statusCode()).isEqualTo(401);
            assertThat(TestNvr.get(nvr, "/api/cameras", "admin:wrong").statusCode()).isEqualTo(401);
            assertThat(TestNvr.get(nvr, "/get?camera=nope&start=" + from + "&duration=1").statusCode()).isEqualTo(404);
            assertThat(TestNvr.get(nvr, "/get?camera=cam&start=yesterday&duration=1").statusCode()).isEqualTo(400);
            for (String path : List.of("/api/cameras", "/metrics", "/list?camera=cam", "/", "/api/gaps?camera=cam", "/api/events")) {
                assertThat(TestNvr.text(TestNvr.get(nvr, path))).as(path).doesNotContain(TestNvr.CAMERA_PASSWORD);
            }
        }
    }
}
