package io.gscam.nvr;

import io.gscam.testkit.Await;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.index.Segment;
import io.gscam.testkit.GstRtspServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GStreamer's RTSP server (H.264 640x480 30 fps + PCMU, a server nobody in this project wrote) as
 * the NVR's camera: segments play, {@code /list} shows them as a span, {@code /get} decodes cleanly.
 */
@Isolated("GStreamer encodes H.264 live")
class GstCameraRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsGstreamersRtspServer(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffprobe") && Peers.installed("ffmpeg"), "ffmpeg/ffprobe not installed");
        String reason = GstRtspServer.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "GStreamer RTSP server unavailable: " + reason);
        try (GstRtspServer gst = GstRtspServer.start();
             Nvr nvr = Nvr.start(TestNvr.config(data, CameraSettings.of("gst", CameraUrl.parse(gst.url()))),
                     TestNvr.options(Duration.ofSeconds(2)))) {
            List<Segment> segments = Await.result(Duration.ofSeconds(40), "two segments of the GStreamer camera indexed", () -> {
                List<Segment> s = nvr.index().segments("gst", null, null);
                return s.size() >= 2 ? s : null;
            });
            for (Segment s : segments) {
                Path file = data.resolve(s.path());
                assertThat(s.path()).endsWith(".mp4");
                assertThat(Ffmpeg.codecs(file)).containsExactly("h264", "pcm_mulaw");
                assertThat(Ffmpeg.videoStream(file)).containsEntry("width", "640").containsEntry("height", "480");
                assertThat(Ffmpeg.decodeErrors(file)).as(s.path()).isEmpty();
            }

            JsonNode list = JSON.readTree(TestNvr.get(nvr, "/list?camera=gst").body());
            assertThat(list).as("contiguous segments are one span").hasSize(1);
            assertThat(Instant.parse(list.get(0).get("start").asText())).isEqualTo(segments.get(0).start());
            assertThat(list.get(0).get("duration").asDouble()).isGreaterThan(3.0);

            Instant from = segments.get(0).start().plusMillis(500);
            HttpResponse<byte[]> get = TestNvr.get(nvr, "/get?camera=gst&start=" + from + "&duration=3");
            assertThat(get.statusCode()).as(TestNvr.text(get)).isEqualTo(200);
            Path clip = data.resolve("gst.mp4");
            Files.write(clip, get.body());
            assertThat(Ffmpeg.codecs(clip)).containsExactly("h264", "flac");
            int frames = Integer.parseInt(Ffmpeg.videoStream(clip).get("nb_read_frames"));
            assertThat(frames).as("3 s at 30 fps, from the keyframe (every 30 frames) before the start").isBetween(80, 130);
            assertThat(Ffmpeg.decodeErrors(clip)).isEmpty();
        }
    }
}
