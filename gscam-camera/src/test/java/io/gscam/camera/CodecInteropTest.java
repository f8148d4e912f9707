package io.gscam.camera;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ffprobe and ffmpeg play every codec the camera sends, over TCP and UDP, with nothing on stderr:
 * MJPEG video and PCMU, PCMA and G.726 at each rate in both packings. One camera with a
 * GXV3504-like mix of channels serves all the cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecInteropTest {
    private static final int AUDIO_SECONDS = 3;
    private CameraServer camera;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(PeerProcess.onPath("ffmpeg") && PeerProcess.onPath("ffprobe"), "ffmpeg/ffprobe not installed");
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).httpPort(0);
        String[][] layout = {
                {"mjpeg", "g726-16"}, {"h264", "g726-24"}, {"mjpeg", "g726-32"}, {"h264", "g726-40"},
                {"mjpeg", "pcma"}, {"h264", "aal2-g726-32"}, {"h264", "pcmu"}, {"mjpeg", "aal2-g726-16"}};
        for (int ch = 0; ch < layout.length; ch++) {
            b.channel(ch, b.media(ch).withVideo(layout[ch][0]).withAudio(layout[ch][1]));
        }
        camera = new CameraServer(b.build());
        camera.start();
    }

    @AfterAll
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private String url(int channel) {
        return "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/" + channel;
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,704,480", "udp,0,704,480", "tcp,4,352,240", "udp,4,352,240"})
    void ffprobe_reportsMjpegAtTheChannelsSize(String transport, int channel, int width, int height) throws Exception {
        PeerProcess.Result r = PeerProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport,
                "-show_entries", "stream=codec_name,width,height", "-select_streams", "v", "-of", "compact", url(channel)), 60);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("codec_name=mjpeg|width=" + width + "|height=" + height);
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,150,10", "udp,0,150,10", "tcp,4,75,5"})
    void ffmpeg_decodesFiveSecondsOfMjpeg_withNothingOnStderr(String transport, int channel, int frames, int tolerance)
            throws Exception {
        PeerProcess.Result r = PeerProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport,
                "-i", url(channel), "-t", "5", "-map", "0:v", "-f", "framecrc", "-"), 90);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        long decoded = r.out().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        assertThat(decoded).isBetween((long) frames - tolerance, (long) frames + tolerance);
    }

    @ParameterizedTest
    @CsvSource({"0,adpcm_g726le,16000", "1,adpcm_g726le,24000", "2,adpcm_g726le,32000", "3,adpcm_g726le,40000",
            "4,pcm_alaw,64000", "5,adpcm_g726,32000", "6,pcm_mulaw,64000", "7,adpcm_g726,16000"})
    void ffprobe_namesTheAudioCodecAndRate(int channel, String codec, int bitRate) throws Exception {
        PeerProcess.Result r = PeerProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-show_entries", "stream=codec_name,sample_rate,channels,bit_rate", "-select_streams", "a",
                "-of", "compact", url(channel)), 60);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("codec_name=" + codec + "|sample_rate=8000|channels=1")
                .contains("bit_rate=" + bitRate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp/0", "udp/0", "tcp/1", "udp/1", "tcp/2", "udp/2", "tcp/3", "udp/3",
            "tcp/4", "udp/4", "tcp/5", "udp/5", "tcp/6", "udp/6", "tcp/7", "udp/7"})
    void ffmpeg_decodesTheBeep_fromEveryAudioCodec(String transportAndChannel) throws Exception {
        String transport = transportAndChannel.split("/")[0];
        int channel = Integer.parseInt(transportAndChannel.split("/")[1]);
        StringBuilder err = new StringBuilder();
        byte[] pcm = PeerProcess.runForBytes(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport,
                "-i", url(channel), "-map", "0:a", "-t", Integer.toString(AUDIO_SECONDS),
                "-f", "s16le", "-ac", "1", "-ar", "8000", "-"), 90, err);
        assertThat(err).isEmpty();
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
