package io.gscam.camera;

import io.gscam.testkit.Ffmpeg;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ffprobe and ffmpeg, a client nobody here wrote, play the camera over TCP and UDP; the cases side by side. */
@Execution(ExecutionMode.CONCURRENT)
class FfmpegInteropTest {
    @RegisterExtension
    static final LoopbackCameraExtension CAMERA = new LoopbackCameraExtension(LoopbackCamera.config()::build, "ffmpeg", "ffprobe");

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffprobe_reportsH264At704x480AndPcmu8000(String transport) throws Exception {
        assertThat(Ffmpeg.probeRtsp(CAMERA.url(0), transport, "stream=codec_name,width,height,sample_rate"))
                .contains("codec_name=h264|width=704|height=480").contains("codec_name=pcm_mulaw").contains("sample_rate=8000");
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,150,10", "udp,0,150,10", "tcp,4,75,5", "udp,4,75,5"})
    void ffmpeg_decodesFiveSecondsOfFrames_withNothingOnStderr(String transport, int channel, int frames, int tolerance) throws Exception {
        long decoded = Ffmpeg.decodedRtspFrames(CAMERA.url(channel), transport, 5);
        assertThat(decoded).isBetween((long) frames - tolerance, (long) frames + tolerance);
    }
}
