package io.gscam.cli.client;

import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Await;
import io.gscam.cli.CommandRun;
import io.gscam.cli.EmulatedCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** probe, record and events against the camera emulator, in-process on 127.0.0.1 with free ports. */
class EmulatorCommandsTest {
    private static final Pattern WRITTEN = Pattern.compile("(\\d+) video frames");

    @RegisterExtension
    static final EmulatedCamera emulator = new EmulatedCamera();

    @TempDir
    Path dir;

    private static String url(String credentials, int channel) {
        return "rtsp://" + credentials + "@127.0.0.1:" + emulator.rtspPort() + "/" + channel;
    }

    @Test
    void probe_channel0_printsH264AndPcmuWithServerAndTimeout() {
        CommandRun run = CommandRun.of("probe", url("admin:admin", 0), "--measure", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("GrandStream Rtsp Server 704*480*30*1024")
                .contains("video H264 (payload type 96, clock 90000 Hz): 704x480, 30 fps, 1024 kbit/s")
                .contains("audio PCMU (payload type 0, clock 8000 Hz): 8000 Hz, mono")
                .contains("timeout 120 s")
                .contains("TCP")
                .doesNotContain("admin:admin");
    }

    @Test
    void probe_json_hasTheTracksAndSessionFields() {
        CommandRun run = CommandRun.of("probe", "--json", "--transport", "udp", url("admin:admin", 0), "--measure", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = run.out().trim();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(json)
                .contains("\"server\":\"GrandStream Rtsp Server 704*480*30*1024\"")
                .contains("\"sessionTimeout\":120")
                .contains("\"transport\":\"udp\"")
                .contains("{\"type\":\"video\",\"codec\":\"H264\",\"payloadType\":96,\"clockRate\":90000,"
                        + "\"width\":704,\"height\":480,\"fps\":30,")
                .contains("{\"type\":\"audio\",\"codec\":\"PCMU\",\"payloadType\":0,\"clockRate\":8000,"
                        + "\"sampleRate\":8000,\"channels\":1,");
    }

    @Test
    void probe_wrongPassword_exitsNonZeroSaying401WithoutTheCredentials() {
        CommandRun run = CommandRun.of("probe", url("admin:wrongpass", 0), "--timeout", "5");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("401 Unauthorized").doesNotContain("wrongpass");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void probe_unknownChannel9_exitsNonZeroSaying404() {
        CommandRun run = CommandRun.of("probe", url("admin:admin", 9), "--timeout", "5");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("404");
    }

    @Test
    void probe_refusedPort_exitsNonZeroSayingRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CommandRun run = CommandRun.of("probe", "rtsp://admin:admin@127.0.0.1:" + port + "/0", "--timeout", "5");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).containsIgnoringCase("refused").doesNotContain("admin:admin");
    }

    @Test
    void probe_serverThatNeverAnswers_exitsNonZeroSayingTimeout() throws Exception {
        // The kernel completes the TCP handshake into the backlog; nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CommandRun run = CommandRun.of("probe", "rtsp://admin:admin@127.0.0.1:" + silent.getLocalPort() + "/0",
                    "--timeout", "1");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).containsIgnoringCase("timeout").doesNotContain("admin:admin");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0} to .{1}")
    @CsvSource({"tcp, mkv", "udp, mp4", "tcp, mp4", "udp, mkv"})
    void record_threeSeconds_writesAFileFfprobeCountsAsReported(String transport, String container) throws Exception {
        Ffmpeg.assumeInstalled();
        Path file = dir.resolve("cam." + container);

        CommandRun run = CommandRun.of("record", url("admin:admin", 0), "--out", file.toString(), "--duration", "3",
                "--transport", transport);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = WRITTEN.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        long written = Long.parseLong(m.group(1));
        assertThat(written).isBetween(85L, 90L); // 3 s x 30 fps, frames at media time < 3 s
        Map<String, String> video = Ffmpeg.videoStream(file);
        assertThat(video).containsEntry("codec_name", "h264").containsEntry("width", "704").containsEntry("height", "480");
        assertThat(Long.parseLong(video.get("nb_read_frames"))).isEqualTo(written);
        assertThat(Ffmpeg.codecs(file)).contains("pcm_mulaw");
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
        assertThat(run.err()).doesNotContain("admin:admin");
    }

    @Test
    void record_unknownExtension_exitsNonZeroBeforeConnecting() {
        CommandRun run = CommandRun.of("record", url("admin:admin", 0), "--out", dir.resolve("cam.avi").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(".mkv or .mp4");
        assertThat(Files.exists(dir.resolve("cam.avi"))).isFalse();
    }

    @Test
    void events_postedAlarm_printsOneJsonLine() throws Exception {
        var alarms = emulator.camera().api().orElseThrow().alarms();
        int subscribersBefore = alarms.subscribers();
        CompletableFuture<CommandRun> events = CompletableFuture.supplyAsync(
                () -> CommandRun.of("events", url("admin:admin", 0), "--channel", "0", "--count", "1"));
        Await.until(Duration.ofSeconds(15), "an alarm subscription, or the command's end",
                () -> alarms.subscribers() != subscribersBefore || events.isDone());
        assertThat(alarms.subscribers()).as("alarm subscription").isGreaterThan(subscribersBefore);

        InetSocketAddress http = emulator.camera().api().orElseThrow().httpAddress();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.getPort() + "/api/alarm?channel=0&source=MOTION"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(200, 299);

        CommandRun run = events.get(15, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out().strip())
                .startsWith("{\"channel\":0,\"source\":\"MOTION\",\"time\":\"")
                .contains("\"raw\":\"CMD:ALARM MCTP/1.0 SC\\n@0@MOTION@")
                .endsWith("}");
    }
}
