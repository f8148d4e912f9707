package io.gscam.cli.client;

import io.gscam.camera.LoopbackCamera;
import java.io.UncheckedIOException;
import java.time.Duration;
import io.gscam.testkit.FreePorts;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Await;
import io.gscam.cli.CommandRun;
import io.gscam.camera.CameraServer;
import io.gscam.camera.ChannelMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code probe} and {@code record} of the codecs issue 5 adds: an SDP file ffmpeg wrote for the
 * MJPEG and AAL2-G726-32 it sends over RTP/UDP, and the emulator's MJPEG channel over RTSP.
 */
@Isolated("ffmpeg encodes live")
class SdpAndMjpegCommandsTest {
    private static final Pattern WRITTEN = Pattern.compile("(\\d+) video frames, (\\d+) audio frames");
    /** RTP/JPEG carries baseline 4:2:0 with the standard Huffman tables only. */
    private static final List<String> MJPEG = List.of("-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", "-q:v", "5");

    private final List<Process> senders = new ArrayList<>();
    private CameraServer camera;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        senders.forEach(Process::destroyForcibly);
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void probeAndRecord_ffmpegSdpFileWithMjpegAndAal2G726_namesAndRecordsBoth() throws Exception {
        Ffmpeg.assumeInstalled();
        int videoPort = FreePorts.evenUdpPair();
        int audioPort = FreePorts.evenUdpPair();
        Path sdp = dir.resolve("stream.sdp");
        // A short first run writes the SDP file; the receiver binds its ports before the real sender starts.
        Process writer = new ProcessBuilder(sender(false, "0.2", videoPort, audioPort, sdp)).redirectErrorStream(true).start();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).as(new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(sdp)).contains("m=video " + videoPort).contains("AAL2-G726-32/8000");

        CompletableFuture<CommandRun> probe = CompletableFuture.supplyAsync(
                () -> CommandRun.of("probe", "--json", sdp.toString(), "--measure", "1", "--timeout", "20"));
        awaitBound(videoPort, probe);
        start(sender(true, "3", videoPort, audioPort, null));
        CommandRun probed = probe.get(60, TimeUnit.SECONDS);
        assertThat(probed.exitCode()).as(probed.err()).isZero();
        assertThat(probed.out())
                .contains("\"transport\":\"udp\"")
                .contains("{\"type\":\"video\",\"codec\":\"JPEG\",\"payloadType\":26,\"clockRate\":90000,\"width\":320,\"height\":240,")
                .contains("{\"type\":\"audio\",\"codec\":\"AAL2-G726-32\",\"payloadType\":97,\"clockRate\":8000,\"sampleRate\":8000,\"channels\":1,");
        awaitSendersDone();

        Path out = dir.resolve("sdp.mkv");
        CompletableFuture<CommandRun> record = CompletableFuture.supplyAsync(
                () -> CommandRun.of("record", sdp.toString(), "--out", out.toString(), "--duration", "2", "-q"));
        awaitBound(videoPort, record);
        start(sender(true, "3", videoPort, audioPort, null));
        CommandRun recorded = record.get(60, TimeUnit.SECONDS);

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        Matcher m = WRITTEN.matcher(recorded.err());
        assertThat(m.find()).as(recorded.err()).isTrue();
        long frames = Long.parseLong(m.group(1));
        assertThat(frames).isBetween(27L, 30L); // 2 s of 15 fps, a first packet or two may go by before the recorder opens
        assertThat(Long.parseLong(m.group(2))).isPositive();
        assertThat(run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", out.toString()).strip())
                .isEqualTo("mjpeg,320,240," + frames);
        assertThat(run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", out.toString()).strip()).isEqualTo("adpcm_g726");
        assertThat(run("ffmpeg", "-nostdin", "-v", "error", "-i", out.toString(), "-f", "null", "-")).isEmpty();
    }

    @Test
    void probeText_sdpFile_namesPcmaAndSaysThereIsNoRtspSession() throws Exception {
        Peers.assumeInstalled("ffmpeg");
        int port = FreePorts.evenUdpPair();
        Path sdp = Files.writeString(dir.resolve("pcma.sdp"), "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\na=tool:libavformat\r\nm=audio " + port + " RTP/AVP 8\r\n");
        CompletableFuture<CommandRun> probe = CompletableFuture.supplyAsync(
                () -> CommandRun.of("probe", "file://" + sdp, "--measure", "1", "--timeout", "20"));
        awaitBound(port, probe);
        start(List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-t", "3", "-c:a", "pcm_alaw", "-f", "rtp", "rtp://127.0.0.1:" + port));
        CommandRun run = probe.get(60, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("audio PCMA (payload type 8, clock 8000 Hz): 8000 Hz, mono")
                .contains("none (an SDP file: RTP over UDP, no RTSP)")
                .contains("UDP");
    }

    @Test
    void probe_missingSdpFile_exitsNonZeroNamingIt() {
        CommandRun run = CommandRun.of("probe", dir.resolve("nothing.sdp").toString(), "--timeout", "5");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("no such SDP file").contains("nothing.sdp");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void probeAndRecord_emulatorMjpegChannelOverRtsp_namesJpegAndG726AndRecordsThem() throws Exception {
        Ffmpeg.assumeInstalled();
        camera = LoopbackCamera.start(LoopbackCamera.config()
                .channel(1, new ChannelMedia("mjpeg", "g726-32", Optional.empty()))
                .build());
        String url = "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/1";

        CommandRun probe = CommandRun.of("probe", url, "--measure", "1");
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        assertThat(probe.out()).containsPattern("video JPEG \\(payload type 26, clock 90000 Hz\\): (\\d+)x(\\d+)")
                .containsPattern("audio (AAL2-)?G726-32 \\(payload type \\d+, clock 8000 Hz\\): 8000 Hz, mono");
        Matcher size = Pattern.compile("video JPEG \\(payload type 26, clock 90000 Hz\\): (\\d+)x(\\d+)").matcher(probe.out());
        assertThat(size.find()).isTrue();

        Path out = dir.resolve("mjpeg.mkv");
        CommandRun record = CommandRun.of("record", url, "--out", out.toString(), "--duration", "2", "-q");
        assertThat(record.exitCode()).as(record.err()).isZero();
        Matcher m = WRITTEN.matcher(record.err());
        assertThat(m.find()).as(record.err()).isTrue();
        assertThat(run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", out.toString()).strip())
                .isEqualTo("mjpeg," + size.group(1) + "," + size.group(2) + "," + m.group(1));
        assertThat(run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", out.toString()).strip()).isEqualTo("adpcm_g726");
        assertThat(run("ffmpeg", "-nostdin", "-v", "error", "-i", out.toString(), "-f", "null", "-")).isEmpty();
    }

    /** ffmpeg sending the test pattern as MJPEG to {@code videoPort} and a sine as AAL2-G726-32 to {@code audioPort}. */
    private static List<String> sender(boolean realTime, String seconds, int videoPort, int audioPort, Path sdp) {
        List<String> c = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        if (realTime) {
            c.add("-re");
        }
        c.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-t", seconds, "-map", "0:v"));
        c.addAll(MJPEG);
        c.addAll(List.of("-f", "rtp", "rtp://127.0.0.1:" + videoPort,
                "-map", "1:a", "-t", seconds, "-c:a", "g726", "-b:a", "32k", "-f", "rtp", "rtp://127.0.0.1:" + audioPort));
        if (sdp != null) {
            c.addAll(List.of("-sdp_file", sdp.toString(), "-y"));
        }
        return c;
    }

    private void start(List<String> command) throws IOException {
        senders.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("sender.log").toFile()).start());
    }

    private void awaitSendersDone() throws InterruptedException {
        for (Process p : senders) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Waits (with a deadline) until the command under test holds {@code port}, read from the kernel's
     * socket table so that the test never binds the port itself (which would race the command).
     */
    private static void awaitBound(int port, CompletableFuture<CommandRun> command) throws InterruptedException, IOException {
        Path table = Path.of("/proc/net/udp");
        assumeTrue(Files.isReadable(table), "no /proc/net/udp to see the command bind its port");
        String local = String.format(":%04X ", port);
        Await.until(Duration.ofSeconds(20), "the command to bind UDP port " + port + " (or end)",
                () -> command.isDone() || holds(table, local) || holds(Path.of("/proc/net/udp6"), local));
        assertThat(command).as("the command bound UDP port " + port).isNotDone();
    }

    private static boolean holds(Path table, String local) {
        try {
            return Files.isReadable(table) && Files.readAllLines(table).stream().skip(1)
                    .anyMatch(l -> l.trim().split("\\s+")[1].endsWith(local.trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer's stdout and stderr together: what the assertions compare. */
    private static String run(String... command) {
        PeerResult r = Peers.run(null, command);
        return r.stdout() + r.stderr();
    }
}
