package io.gscam.nvr;

import io.gscam.testkit.Scripts;
import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.StreamInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.nvr.config.CameraSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The NVR's RTSP relay with real peers: the NVR records the emulator (camera {@code cam}) and
 * serves it at {@code rtsp://127.0.0.1:P/cam} with its own account (admin/admin); ffprobe, ffmpeg,
 * GStreamer's rtspsrc and gscam's own client play it over TCP and UDP; alarms raised on the emulator
 * reach the relay's MCTP subscribers; viewers never open another session on the camera.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CameraServer camera;
    /** A second camera sending MJPEG and G.726-32. */
    private CameraServer mjpegCamera;
    private Nvr nvr;
    private String base;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        camera = TestNvr.camera(0);
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress())
                .account("admin", TestNvr.CAMERA_PASSWORD).httpPort(0).rtspPort(0).udpRtpPort(0);
        b.channel(0, b.media(0).withVideo("mjpeg").withAudio("g726-32"));
        mjpegCamera = new CameraServer(b.build());
        mjpegCamera.start();
        // "offline" never plays: nothing listens on its port.
        CameraSettings offline = CameraSettings.of("offline", CameraUrl.parse("rtsp://admin:off-secret@127.0.0.1:1/0"));
        nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera), TestNvr.settings("mjpeg", mjpegCamera), offline),
                TestNvr.options(Duration.ofSeconds(60)));
        base = "rtsp://127.0.0.1:" + nvr.rtspAddress().getPort() + "/";
        Await.result(WAIT, "the relay describes cam", () -> rtsp("DESCRIBE", "cam", basic("admin:admin")).status() == 200);
        Await.result(WAIT, "the relay describes mjpeg", () -> rtsp("DESCRIBE", "mjpeg", basic("admin:admin")).status() == 200);
    }

    @AfterAll
    void stop() {
        if (nvr != null) {
            nvr.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (mjpegCamera != null) {
            mjpegCamera.close();
        }
    }

    private String url(String account, String path) {
        return "rtsp://" + account + "@127.0.0.1:" + nvr.rtspAddress().getPort() + "/" + path;
    }

    // ---- the dialect, byte by byte ----

    @Test
    void describe_isTheDialectsSdp_withTheNvrsAccount_andNoCameraCredentials() throws Exception {
        RtspAnswer ok = rtsp("DESCRIBE", "cam", basic("admin:admin"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().get("server")).startsWith("GrandStream Rtsp Server 704*480*");
        assertThat(ok.headers().get("content-base")).isEqualTo(base + "cam/");
        assertThat(ok.body()).contains("m=video 0 RTP/AVP 96\r\n", "a=control:trackID=0\r\n", "a=rtpmap:96 H264/90000\r\n",
                "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=", "m=audio 0 RTP/AVP 0\r\n",
                "a=control:trackID=1\r\n", "a=rtpmap:0 PCMU/8000\r\n");
        String everything = ok.raw();
        assertThat(everything).doesNotContain(TestNvr.CAMERA_PASSWORD)
                .doesNotContain(":" + camera.rtspAddress().getPort() + "/");

        RtspAnswer wrong = rtsp("DESCRIBE", "cam", basic("admin:wrong"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw()).contains("WWW-Authenticate: Digest realm=\"Surveillance Server\"", "Basic realm=");
        assertThat(rtsp("DESCRIBE", "cam", null).status()).isEqualTo(401);
        assertThat(rtsp("DESCRIBE", "cam", basic("admin:" + TestNvr.CAMERA_PASSWORD)).status())
                .as("the camera's own account is not the relay's").isEqualTo(401);
        assertThat(rtsp("DESCRIBE", "nope", basic("admin:admin")).status()).isEqualTo(404);
        RtspAnswer offline = rtsp("DESCRIBE", "offline", basic("admin:admin"));
        assertThat(offline.status()).as("a camera that has not played yet").isEqualTo(503);
        assertThat(offline.raw()).doesNotContain("off-secret");
    }

    // ---- other people's clients ----

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffprobe_seesH264At704x480AndPcmMulaw(String transport) throws Exception {
        assumeTrue(Peers.installed("ffprobe"), "ffprobe not installed");
        Result r = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport, "-show_entries",
                "stream=codec_name,width,height", "-of", "compact=p=0", url("admin:admin", "cam")), 60);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("codec_name=h264|width=704|height=480", "codec_name=pcm_mulaw");
    }

    @Test
    void ffprobe_seesMjpegAndG726_relayedThroughThePayloadFormats() throws Exception {
        assumeTrue(Peers.installed("ffprobe"), "ffprobe not installed");
        RtspAnswer sdp = rtsp("DESCRIBE", "mjpeg", basic("admin:admin"));
        assertThat(sdp.body()).contains("a=rtpmap:26 JPEG/90000\r\n", "G726-32/8000");
        Result r = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width,height", "-of", "compact=p=0", url("admin:admin", "mjpeg")), 60);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("codec_name=mjpeg|width=704|height=480", "codec_name=adpcm_g726");
    }

    @Test
    void ffmpeg_decodesThreeSecondsOverTcp_withoutErrors() throws Exception {
        assumeTrue(Peers.installed("ffmpeg"), "ffmpeg not installed");
        Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i",
                url("admin:admin", "cam"), "-t", "3", "-f", "null", "-"), 60);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat((r.out() + r.err()).trim()).as("ffmpeg's errors").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void gstreamerRtspsrc_decodes60Frames(String protocol) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " not installed");
        Path script = Scripts.file("/gst-rtsp-play.py");
        Result check = run(List.of(PYTHON, script.toString(), "--check", "rtspsrc", "rtph264depay", "h264parse",
                "avdec_h264", "fakesink"), 30);
        assumeTrue(check.exit() != 4, "python3-gi with GStreamer 1.0 not installed: " + check.err().strip());
        assumeTrue(check.exit() != 3, check.out().strip() + " (gstreamer1.0-libav, -plugins-good)");
        Result r = run(List.of(PYTHON, script.toString(), "--frames", "60", "--timeout", "20", url("admin:admin", "cam"),
                protocol, "rtph264depay", "!", "h264parse", "!", "avdec_h264"), 60);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("DECODED 60").contains("CAPS video/x-raw");
    }

    // ---- gscam's own client: heartbeat and alarms through the relay's MCTP ----

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "UDP"})
    void gscamClient_playsWithAHeartbeat_andGetsTheCamerasAlarmThroughTheRelay(String transport) throws Exception {
        try (GsCamClient client = GsCamClient.create();
             CameraSession s = client.open(CameraOptions.builder(url("admin:admin", "cam"))
                     .transport(Transport.valueOf(transport)).heartbeat(true).alarmChannel(-1).build())) {
            StreamInfo info = s.awaitPlaying(WAIT);
            assertThat(info.server()).startsWith("GrandStream Rtsp Server 704*480*");
            assertThat(info.video()).hasValueSatisfying(v -> {
                assertThat(v.codec()).isEqualTo("H264");
                assertThat(v.width()).isEqualTo(704);
            });
            assertThat(info.audio()).hasValueSatisfying(a -> assertThat(a.codec()).isEqualTo("PCMU"));
            int video = 0;
            int audio = 0;
            boolean keyframe = false;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((video < 30 || audio < 10) && System.nanoTime() < deadline) {
                CameraEvent e = s.take(Duration.ofSeconds(1));
                if (e instanceof VideoFrame f) {
                    keyframe |= video == 0 && f.keyframe();
                    video++;
                } else if (e instanceof AudioFrame) {
                    audio++;
                }
            }
            assertThat(video).as("video frames through the relay").isGreaterThanOrEqualTo(30);
            assertThat(audio).as("audio frames through the relay").isGreaterThanOrEqualTo(10);
            assertThat(keyframe).as("a viewer starts at a keyframe").isTrue();
            Await.result(WAIT, "the relay's MCTP vouches for the viewer's heartbeat", () -> nvr.relay().heartbeats() >= 1);
            Await.result(WAIT, "the viewer subscribed to the relay's alarms", () -> nvr.relay().alarmSubscribers() >= 1);
            Await.result(WAIT, "the NVR subscribed to the camera's alarms",
                    () -> camera.api().orElseThrow().alarms().subscribers() >= 1);

            HttpResponse<String> raised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + camera.api().orElseThrow().httpAddress().getPort() + "/api/alarm?channel=0&source=INPUT2"))
                    .header("Authorization", basic("admin:" + TestNvr.CAMERA_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(raised.statusCode()).as(raised.body()).isBetween(200, 299);
            AlarmEvent alarm = null;
            deadline = System.nanoTime() + WAIT.toNanos();
            while (alarm == null && System.nanoTime() < deadline) {
                if (s.take(Duration.ofSeconds(1)) instanceof AlarmEvent a) {
                    alarm = a;
                }
            }
            assertThat(alarm).as("the camera's alarm, forwarded by the relay").isNotNull();
            assertThat(alarm.channel()).isZero();
            assertThat(alarm.source()).isEqualTo("INPUT2");
        }
    }

    @Test
    void fiveViewersAtOnce_costTheCameraOneSession() throws Exception {
        List<CameraSession> viewers = new ArrayList<>();
        try (GsCamClient client = GsCamClient.create()) {
            for (int i = 0; i < 5; i++) {
                viewers.add(client.open(CameraOptions.builder(url("admin:admin", "cam"))
                        .transport(i % 2 == 0 ? Transport.TCP : Transport.UDP).build()));
            }
            for (CameraSession v : viewers) {
                v.awaitPlaying(WAIT);
            }
            for (CameraSession v : viewers) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                CameraEvent e = null;
                while (!(e instanceof VideoFrame) && System.nanoTime() < deadline) {
                    e = v.take(Duration.ofSeconds(1));
                }
                assertThat(e).as("each viewer gets video").isInstanceOf(VideoFrame.class);
            }
            assertThat(nvr.relay().viewers("cam")).isEqualTo(5);
            assertThat(nvr.relay().sessions().openSessions()).isGreaterThanOrEqualTo(5);
            assertThat(camera.sessions().openSessions()).as("the camera's sessions: the NVR's one").isEqualTo(1);
        } finally {
            viewers.forEach(CameraSession::close);
        }
        Await.result(WAIT, "the viewers are gone", () -> nvr.relay().viewers("cam") == 0);
        assertThat(camera.sessions().openSessions()).isEqualTo(1);
    }

    // ---- helpers ----

    private static String basic(String account) {
        return "Basic " + Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8));
    }

    /** One answer: status, headers by lower-case name, body and the whole text. */
    record RtspAnswer(int status, Map<String, String> headers, String body, String raw) {
    }

    /** {@code method} of {@code base + path} on a fresh connection, with an Authorization header when given. */
    private RtspAnswer rtsp(String method, String path, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(nvr.rtspAddress().getAddress().isAnyLocalAddress()
                    ? new InetSocketAddress("127.0.0.1", nvr.rtspAddress().getPort()) : nvr.rtspAddress(), 5000);
            socket.setSoTimeout(10_000);
            String request = method + " " + base + path + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the answer's headers: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            String[] lines = text.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RtspAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, text + body);
        }
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs a peer to its end; fails the test when it takes longer than {@code seconds}. */
    private static Result run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + seconds + " s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
