package io.gscam.camera;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GStreamer's rtspsrc, a client nobody here wrote, plays the camera's H.264 and MJPEG channels
 * over TCP and UDP, decoding 60 frames without an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GStreamerInteropTest {
    private CameraServer camera;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(PeerProcess.onPath("gst-launch-1.0") && PeerProcess.onPath("gst-inspect-1.0"), "GStreamer not installed");
        for (String element : List.of("rtspsrc", "rtph264depay", "h264parse", "avdec_h264", "rtpjpegdepay", "jpegdec")) {
            assumeTrue(PeerProcess.run(List.of("gst-inspect-1.0", element), 30).exit() == 0,
                    "GStreamer element " + element + " not installed (gstreamer1.0-libav, -plugins-good)");
        }
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).httpPort(0);
        b.channel(1, b.media(1).withVideo("mjpeg").withAudio("g726-32"));
        camera = new CameraServer(b.build());
        camera.start();
    }

    @AfterAll
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "tcp,0,rtph264depay ! h264parse ! avdec_h264",
            "udp,0,rtph264depay ! h264parse ! avdec_h264",
            "tcp,1,rtpjpegdepay ! jpegdec",
            "udp,1,rtpjpegdepay ! jpegdec"})
    void gstLaunch_decodes60Frames_withoutError(String protocol, int channel, String decode) throws Exception {
        String url = "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/" + channel;
        List<String> cmd = new java.util.ArrayList<>(List.of("gst-launch-1.0", "-q", "rtspsrc", "location=" + url,
                "protocols=" + protocol, "latency=200", "!"));
        cmd.addAll(List.of(decode.split(" ")));
        cmd.addAll(List.of("!", "fakesink", "num-buffers=60"));
        PeerProcess.Result r = PeerProcess.run(cmd, 90);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("ERROR");
    }
}
