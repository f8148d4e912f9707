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

/** Two cameras at once: G.726 audio goes into Matroska segments (MP4 cannot carry it), MJPEG into MP4. */
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
                    assertThat(Ffmpeg.codecs(data.resolve(s.path()))).containsExactly("h264", "adpcm_g726");
                    assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).isEmpty();
                }
                for (Segment s : mjpeg) {
                    assertThat(s.path()).endsWith(".mp4");
                    assertThat(Ffmpeg.codecs(data.resolve(s.path()))).containsExactly("mjpeg", "pcm_mulaw");
                    assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).isEmpty();
                }
                HttpResponse<byte[]> get = TestNvr.get(nvr, "/get?camera=mjpeg&start=" + mjpeg.get(0).start() + "&duration=3");
                assertThat(get.statusCode()).isEqualTo(200);
                Path clip = data.resolve("mjpeg.mp4");
                Files.write(clip, get.body());
                assertThat(Ffmpeg.codecs(clip)).as("mp4 /get: G.711 as FLAC").containsExactly("mjpeg", "flac");
                assertThat(Ffmpeg.decodeErrors(clip)).isEmpty();
                assertThat(TestNvr.get(nvr, "/get?camera=g726&start=" + g726.get(0).start() + "&duration=3").statusCode())
                        .as("Matroska segments are not read back by /get yet").isEqualTo(404);
            }
        }
    }
}
