package io.gscam.client.record;

import io.gscam.testkit.GstRtspServer;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Peers;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.GsCamClient;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The client and the recorder against GStreamer's RTSP server, over TCP and UDP. */
@Isolated("GStreamer encodes H.264 live; frame counts")
class GstRtspServerInteropTest {
    private static GstRtspServer server;
    private static GsCamClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        String reason = GstRtspServer.unavailableReason();
        assumeTrue(reason == null, () -> "GStreamer RTSP server unavailable: " + reason);
        server = GstRtspServer.start();
        client = GsCamClient.builder().ioThreads(1).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CameraOptions options(Transport transport) {
        return CameraOptions.builder(server.url()).transport(transport).reconnect(ReconnectPolicy.NEVER).build();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "UDP"})
    void play_describesH264AndPcmu(Transport transport) throws Exception {
        try (CameraSession session = client.open(options(transport))) {
            StreamInfo info = session.awaitPlaying(Duration.ofSeconds(15));

            assertThat(info.transport()).isEqualTo(transport);
            assertThat(info.server()).contains("GStreamer");
            TrackInfo video = info.video().orElseThrow();
            assertThat(video.codec()).isEqualTo("H264");
            assertThat(video.width()).isEqualTo(640);
            assertThat(video.height()).isEqualTo(480);
            TrackInfo audio = info.audio().orElseThrow();
            assertThat(audio.codec()).isEqualTo("PCMU");
            assertThat(audio.sampleRate()).isEqualTo(8000);
        }
    }

    @ParameterizedTest(name = "{0} to .{1}")
    @CsvSource({"TCP, mkv", "UDP, mp4", "UDP, mkv", "TCP, mp4"})
    void record_threeSeconds_ffprobeCountsTheFramesWritten(Transport transport, String container) throws Exception {
        Ffmpeg.assumeInstalled();
        Path file = dir.resolve("gst." + container);
        Recorder recorder = new Recorder(RecordingTarget.file(file), Duration.ofSeconds(3));
        try (recorder; CameraSession session = client.open(options(transport), recorder)) {
            session.awaitPlaying(Duration.ofSeconds(15));
            assertThat(recorder.awaitFinished(Duration.ofSeconds(20))).as("3 s recorded within 20 s").isTrue();
        }
        RecordingStatus status = recorder.status();

        assertThat(recorder.failure()).isEmpty();
        assertThat(status.videoFrames()).isBetween(85L, 90L);
        assertThat(status.audioFrames()).isPositive();
        assertThat(status.files()).containsExactly(file.toString());
        String video = Peers.output("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString());
        assertThat(video.strip()).isEqualTo("h264,640,480," + status.videoFrames());
        assertThat(Peers.output("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file.toString()))
                .contains("pcm_mulaw");
        assertThat(Peers.output("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-")).isEmpty();
    }
}
