package io.gscam.camera;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ffprobe and ffmpeg, a client nobody here wrote, play the camera over TCP and UDP. */
class FfmpegInteropTest {
    private CameraServer camera;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(onPath("ffmpeg") && onPath("ffprobe"), "ffmpeg/ffprobe not installed");
        camera = new CameraServer(CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).httpPort(0).build());
        camera.start();
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private String url(int channel) {
        return "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/" + channel;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffprobe_reportsH264At704x480AndPcmu8000(String transport) throws Exception {
        Result r = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport, "-show_entries",
                "stream=codec_name,width,height,sample_rate", "-of", "compact", url(0)), 60);
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("codec_name=h264|width=704|height=480")
                .contains("codec_name=pcm_mulaw").contains("sample_rate=8000");
    }

    @ParameterizedTest
    @CsvSource({"tcp,0,150,10", "udp,0,150,10", "tcp,4,75,5", "udp,4,75,5"})
    void ffmpeg_decodesFiveSecondsOfFrames_withNothingOnStderr(String transport, int channel, int frames, int tolerance) throws Exception {
        Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport, "-i", url(channel),
                "-t", "5", "-map", "0:v", "-f", "framecrc", "-"), 90);
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).isEmpty();
        long decoded = r.out.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        assertThat(decoded).isBetween((long) frames - tolerance, (long) frames + tolerance);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
