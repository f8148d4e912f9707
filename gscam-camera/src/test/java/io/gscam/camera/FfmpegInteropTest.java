package io.gscam.camera;

import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ffprobe and ffmpeg, a client nobody here wrote, play the camera over TCP and UDP. */
class FfmpegInteropTest {
    private CameraServer camera;

    @BeforeEach
    void start() throws Exception {
        Peers.assumeInstalled("ffmpeg", "ffprobe");
        camera = LoopbackCamera.start();
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private String url(int channel) {
        return LoopbackCamera.url(camera, channel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffprobe_reportsH264At704x480AndPcmu8000(String transport) throws Exception {
        PeerResult r = Peers.run(Duration.ofSeconds(60), List.of("ffprobe", "-v", "error", "-rtsp_transport", transport, "-show_entries",
                "stream=codec_name,width,height,sample_rate", "-of", "compact", url(0)));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("codec_name=h264|width=704|height=480")
                .contains("codec_name=pcm_mulaw").contains("sample_rate=8000");
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,150,10", "udp,0,150,10", "tcp,4,75,5", "udp,4,75,5"})
    void ffmpeg_decodesFiveSecondsOfFrames_withNothingOnStderr(String transport, int channel, int frames, int tolerance) throws Exception {
        PeerResult r = Peers.run(Duration.ofSeconds(90), List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport, "-i", url(channel),
                "-t", "5", "-map", "0:v", "-f", "framecrc", "-"));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        long decoded = r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        assertThat(decoded).isBetween((long) frames - tolerance, (long) frames + tolerance);
    }
}
