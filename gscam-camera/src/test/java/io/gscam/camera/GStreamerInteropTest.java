package io.gscam.camera;

import io.gscam.testkit.Scripts;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GStreamer's rtspsrc, a client nobody here wrote, plays the camera's H.264 and MJPEG channels
 * over TCP and UDP, decoding 60 frames without an error while playing.
 *
 * <p>The pipeline is driven by gst-rtsp-play.py (Debian's /usr/bin/python3 with python3-gi), not
 * gst-launch-1.0: gst-launch drops the pipeline straight to NULL, and rtspsrc then cancels its
 * connection while writing the PAUSE, reporting "Could not send message. (Received end-of-file)"
 * about one run in thirty. That race is inside GStreamer's client shutdown; the script pauses and
 * waits for the PAUSE to be answered before the TEARDOWN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GStreamerInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final int FRAMES = 60;
    /** The script's own limit while playing; the process limit leaves room for its bounded shutdown. */
    private static final int PLAY_SECONDS = 20;

    private Path script;
    private CameraServer camera;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " not installed");
        script = Scripts.file("/gst-rtsp-play.py");
        PeerResult check = Peers.run(Duration.ofSeconds(30), List.of(PYTHON, script.toString(), "--check",
                "rtspsrc", "rtph264depay", "h264parse", "avdec_h264", "rtpjpegdepay", "jpegdec", "fakesink"));
        assumeTrue(check.exit() != 4, "python3-gi with GStreamer 1.0 not installed: " + check.stderr().strip());
        assumeTrue(check.exit() != 3, check.stdout().strip() + " (gstreamer1.0-libav, -plugins-good)");
        assertThat(check.exit()).as("gst-rtsp-play.py --check: " + check.stdout() + check.stderr()).isZero();

        CameraConfig.Builder b = LoopbackCamera.config();
        b.channel(1, b.media(1).withVideo("mjpeg").withAudio("g726-32"));
        camera = LoopbackCamera.start(b.build());
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
    void rtspsrc_decodes60Frames_withoutErrorWhilePlaying(String protocol, int channel, String decode) throws Exception {
        String url = LoopbackCamera.url(camera, channel);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(),
                "--frames", Integer.toString(FRAMES), "--timeout", Integer.toString(PLAY_SECONDS), url, protocol));
        cmd.addAll(List.of(decode.split(" ")));

        PeerResult r = Peers.run(Duration.ofSeconds(PLAY_SECONDS + 40), cmd);

        String report = "gst-rtsp-play.py exited " + r.exit() + "\nstdout:\n" + r.stdout() + "stderr:\n" + r.stderr();
        assertThat(r.exit()).as(report).isZero();
        assertThat(r.stdout().lines()).as(report)
                .contains("DECODED " + FRAMES)
                .anySatisfy(line -> assertThat(line).startsWith("CAPS video/x-raw"));
    }
}
