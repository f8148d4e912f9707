package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.index.Segment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two cameras at once: G.726 audio goes into Matroska segments (MP4 cannot carry it), MJPEG into MP4; /get reads both back. */
class CodecSegmentsTest {
    @Test
    void g726CamerasGetMatroskaSegmentsAndMjpegCamerasMp4(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffprobe") && Peers.installed("ffmpeg"), "ffmpeg/ffprobe not installed");
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress())
                .account("admin", "admin").httpPort(0).rtspPort(0).udpRtpPort(0);
        b.channel(0, b.media(0).withAudio("g726-32"));
        b.channel(1, b.media(1).withVideo("mjpeg"));
        try (CameraServer camera = new CameraServer(b.build())) {
            camera.start();
            String base = "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/";
            try (Nvr nvr = Nvr.start(TestNvr.config(data, CameraSettings.of("g726", CameraUrl.parse(base + "0")),
                    CameraSettings.of("mjpeg", CameraUrl.parse(base + "1"))), TestNvr.options(Duration.ofSeconds(2)))) {
                List<Segment> g726 = Await.result(Duration.ofSeconds(40), "G.726 segments",
                        () -> nvr.index().segments("g726", null, null).size() >= 2 ? nvr.index().segments("g726", null, null) : null);
                List<Segment> mjpeg = Await.result(Duration.ofSeconds(40), "MJPEG segments",
                        () -> nvr.index().segments("mjpeg", null, null).size() >= 2 ? nvr.index().segments("mjpeg", null, null) : null);
                for (Segment s : g726) {
                    assertThat(s.path()).endsWith(".mkv");
                    assertDecodes(data.resolve(s.path()), "G.726 segment", "h264", "adpcm_g726");
                }
                for (Segment s : mjpeg) {
                    assertThat(s.path()).endsWith(".mp4");
                    assertDecodes(data.resolve(s.path()), "MJPEG segment", "mjpeg", "pcm_mulaw");
                }
                Path clip = download(nvr, "/get?camera=mjpeg&start=" + mjpeg.get(0).start() + "&duration=3",
                        data.resolve("mjpeg.mp4"));
                assertDecodes(clip, "mp4 /get: G.711 as FLAC", "mjpeg", "flac");
                // Matroska segments stitched by /get (3 s from the first segment's start run into the second):
                // mp4 carries G.726 as FLAC, mkv keeps it.
                String range = "&start=" + g726.get(0).start() + "&duration=3";
                Path g726Clip = download(nvr, "/get?camera=g726" + range, data.resolve("g726.mp4"));
                assertDecodes(g726Clip, "mp4 /get: G.726 as FLAC", "h264", "flac");
                assertThat(Integer.parseInt(Ffmpeg.videoStream(g726Clip).get("nb_read_frames")))
                        .as("video from both segments").isGreaterThan(
                                Integer.parseInt(Ffmpeg.videoStream(data.resolve(g726.get(0).path())).get("nb_read_frames")));
                Path g726MkvClip = download(nvr, "/get?camera=g726&format=mkv" + range, data.resolve("g726.mkv"));
                assertDecodes(g726MkvClip, "mkv /get keeps G.726", "h264", "adpcm_g726");
            }
        }
    }

    /** GETs {@code pathAndQuery} from the NVR, which must answer 200, into {@code file}. */
    private static Path download(Nvr nvr, String pathAndQuery, Path file) throws Exception {
        HttpResponse<byte[]> r = TestNvr.get(nvr, pathAndQuery);
        assertThat(r.statusCode()).as(TestNvr.text(r)).isEqualTo(200);
        Files.write(file, r.body());
        return file;
    }

    /** ffprobe finds exactly {@code codecs} in {@code file}, and ffmpeg decodes it without an error. */
    private static void assertDecodes(Path file, String what, String... codecs) {
        assertThat(Ffmpeg.codecs(file)).as(what).containsExactly(codecs);
        assertThat(Ffmpeg.decodeErrors(file)).as(what).isEmpty();
    }
}
