package io.gscam.camera;

import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --source CH=FILE} and {@code --encoder ffmpeg} played by ffprobe/ffmpeg: files that ffmpeg
 * itself made (raw Annex-B, MP4, MOV with mu-law) are served at their size, and the live encoder's
 * channel decodes cleanly.
 */
class SourceInteropTest {
    @TempDir
    Path dir;
    private CameraServer camera;

    @BeforeEach
    void needsFfmpeg() {
        Peers.assumeInstalled("ffmpeg", "ffprobe");
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private String start(CameraConfig.Builder config, int channel) throws Exception {
        camera = LoopbackCamera.start(config.bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).httpPort(0).udpRtpPort(0).build());
        return LoopbackCamera.url(camera, channel);
    }

    /** Makes a 2 s 320x240 25 fps test file with ffmpeg; {@code extra} picks the audio and format. */
    private Path makeFile(String name, String... extra) throws Exception {
        Path file = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-bf", "0"));
        cmd.addAll(List.of(extra));
        cmd.add(file.toString());
        PeerResult r = Peers.run(Duration.ofSeconds(60), cmd);
        assertThat(r.exit()).as(r.stderr()).isZero();
        return file;
    }

    private static String probe(String url, String transport) {
        return Ffmpeg.probeRtsp(url, transport, "stream=codec_name,width,height,sample_rate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void source_annexBFile_isServedAtItsSizeAndRate(String transport) throws Exception {
        Path file = makeFile("clip.h264", "-an", "-f", "h264");
        CameraConfig.Builder c = CameraConfig.defaults().toBuilder();
        c.channel(1, c.media(1).withSource(file));
        String url = start(c, 1);
        assertThat(probe(url, transport)).contains("codec_name=h264|width=320|height=240");
        // 25 fps (the SPS timing of libx264's output), looped past its 2 s length
        assertThat(Ffmpeg.decodedRtspFrames(url, transport, 4)).isBetween(90L, 110L);
    }

    @Test
    void source_mp4File_isServedAtItsSize() throws Exception {
        Path file = makeFile("clip.mp4", "-an");
        CameraConfig.Builder c = CameraConfig.defaults().toBuilder();
        c.channel(0, c.media(0).withSource(file));
        String out = probe(start(c, 0), "tcp");
        assertThat(out).contains("codec_name=h264|width=320|height=240");
        assertThat(out).doesNotContain("pcm_mulaw");
    }

    @Test
    void source_movWithMulaw_isReencodedToTheChannelsG726() throws Exception {
        Path file = makeFile("clip.mov", "-c:a", "pcm_mulaw");
        CameraConfig.Builder c = CameraConfig.defaults().toBuilder();
        c.channel(2, c.media(2).withSource(file).withAudio("g726-32"));
        String out = probe(start(c, 2), "tcp");
        assertThat(out).contains("codec_name=h264|width=320|height=240").contains("codec_name=adpcm_g726le|sample_rate=8000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void encoderFfmpeg_liveChannel_decodesCleanly(String transport) throws Exception {
        String url = start(CameraConfig.defaults().toBuilder().encoder("ffmpeg"), 4);
        assertThat(probe(url, transport)).contains("codec_name=h264|width=352|height=240");
        // 15 fps secondary stream
        assertThat(Ffmpeg.decodedRtspFrames(url, transport, 4)).isBetween(52L, 68L);
    }
}
