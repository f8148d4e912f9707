package io.gscam.camera;

import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ffprobe and ffmpeg play every codec the camera sends, over TCP and UDP, with nothing on stderr:
 * MJPEG video and PCMU, PCMA and G.726 at each rate in both packings. One camera with a
 * GXV3504-like mix of channels serves all the cases, four sessions at a time (as an NVR and its
 * viewers would): each case waits on seconds of real-time media, so side by side the class takes a
 * quarter of the time.
 */
@Execution(ExecutionMode.CONCURRENT)
class CodecInteropTest {
    private static final int AUDIO_SECONDS = 3;

    @RegisterExtension
    static final LoopbackCameraExtension CAMERA = new LoopbackCameraExtension(CodecInteropTest::gxv3504Mix, "ffmpeg", "ffprobe");

    /** Channels 0 to 7: MJPEG or H.264 with every audio codec, each G.726 rate in both packings. */
    private static CameraConfig gxv3504Mix() {
        CameraConfig.Builder b = LoopbackCamera.config();
        String[][] layout = {
                {"mjpeg", "g726-16"}, {"h264", "g726-24"}, {"mjpeg", "g726-32"}, {"h264", "g726-40"},
                {"mjpeg", "pcma"}, {"h264", "aal2-g726-32"}, {"h264", "pcmu"}, {"mjpeg", "aal2-g726-16"}};
        for (int ch = 0; ch < layout.length; ch++) {
            b.channel(ch, b.media(ch).withVideo(layout[ch][0]).withAudio(layout[ch][1]));
        }
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,704,480", "udp,0,704,480", "tcp,4,352,240", "udp,4,352,240"})
    void ffprobe_reportsMjpegAtTheChannelsSize(String transport, int channel, int width, int height) throws Exception {
        assertThat(Ffmpeg.probeRtsp(CAMERA.url(channel), transport, "stream=codec_name,width,height", "-select_streams", "v"))
                .contains("codec_name=mjpeg|width=" + width + "|height=" + height);
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,150,10", "udp,0,150,10", "tcp,4,75,5"})
    void ffmpeg_decodesFiveSecondsOfMjpeg_withNothingOnStderr(String transport, int channel, int frames, int tolerance)
            throws Exception {
        long decoded = Ffmpeg.decodedRtspFrames(CAMERA.url(channel), transport, 5);
        assertThat(decoded).isBetween((long) frames - tolerance, (long) frames + tolerance);
    }

    @ParameterizedTest
    @CsvSource({"0,adpcm_g726le,16000", "1,adpcm_g726le,24000", "2,adpcm_g726le,32000", "3,adpcm_g726le,40000",
            "4,pcm_alaw,64000", "5,adpcm_g726,32000", "6,pcm_mulaw,64000", "7,adpcm_g726,16000"})
    void ffprobe_namesTheAudioCodecAndRate(int channel, String codec, int bitRate) throws Exception {
        assertThat(Ffmpeg.probeRtsp(CAMERA.url(channel), "tcp", "stream=codec_name,sample_rate,channels,bit_rate",
                "-select_streams", "a")).contains("codec_name=" + codec + "|sample_rate=8000|channels=1")
                .contains("bit_rate=" + bitRate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp/0", "udp/0", "tcp/1", "udp/1", "tcp/2", "udp/2", "tcp/3", "udp/3",
            "tcp/4", "udp/4", "tcp/5", "udp/5", "tcp/6", "udp/6", "tcp/7", "udp/7"})
    void ffmpeg_decodesTheBeep_fromEveryAudioCodec(String transportAndChannel) throws Exception {
        String transport = transportAndChannel.split("/")[0];
        int channel = Integer.parseInt(transportAndChannel.split("/")[1]);
        PeerResult r = Peers.run(Duration.ofSeconds(90), List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport,
                "-i", CAMERA.url(channel), "-map", "0:a", "-t", Integer.toString(AUDIO_SECONDS),
                "-f", "s16le", "-ac", "1", "-ar", "8000", "-")).requireSuccess("ffmpeg");
        byte[] pcm = r.stdoutBytes();
        assertThat(r.stderr()).isEmpty();
        int samples = pcm.length / 2;
        assertThat(samples).isBetween(AUDIO_SECONDS * 8000 - 480, AUDIO_SECONDS * 8000 + 480);
        // The beep is 100 ms of a loud 1 kHz tone a second, silence between: a decoder out of step
        // with the encoder (wrong packing, broken predictor) gives noise throughout instead.
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        int quiet = 0;
        int peak = 0;
        for (int i = 0; i < samples; i++) {
            int s = Math.abs(b.getShort());
            peak = Math.max(peak, s);
            if (s < 500) {
                quiet++;
            }
        }
        assertThat(peak).as("peak").isBetween(8000, 24000);
        assertThat((double) quiet / samples).as("share of near-silent samples").isGreaterThan(0.8);
    }
}
