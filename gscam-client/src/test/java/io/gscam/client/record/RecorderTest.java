package io.gscam.client.record;

import io.gscam.client.CameraState;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.media.container.AccessUnit;
import io.gscam.media.container.AnnexBFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The recorder fed with events as a session delivers them, judged by ffprobe. */
class RecorderTest {
    private static List<AccessUnit> units;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void encode() throws Exception {
        assumeTrue(run("ffmpeg", "-version") != null && run("ffprobe", "-version") != null, "ffmpeg/ffprobe not installed");
        Path h264 = shared.resolve("clip.h264");
        run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-t", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-bf", "0", "-pix_fmt", "yuv420p", "-f", "h264",
                h264.toString());
        units = new ArrayList<>();
        try (AnnexBFileReader reader = AnnexBFileReader.open(h264, 30)) {
            for (AccessUnit u = reader.next(); u != null; u = reader.next()) {
                units.add(u);
            }
        }
        assertThat(units).hasSize(60);
    }

    private static StreamInfo info(String sessionId, int width, int height) {
        TrackInfo video = new TrackInfo(0, MediaKind.VIDEO, "H264", 96, 90000, width, height, 30, 0, 0, 0,
                "rtsp://127.0.0.1/0/trackID=0", true, Map.of());
        return new StreamInfo("rtsp://127.0.0.1/0", "test", sessionId, Duration.ofSeconds(60), Transport.TCP, List.of(video));
    }

    /** Delivers units [from, to) as one RTSP session whose RTP clock starts at {@code rtpBase}. */
    /**
     * One second of 320x240 frames, a reconnect to a new session whose picture is
     * {@code width x height}, another second, then the recorder closed.
     */
    private static void recordAcrossReconnect(Recorder recorder, int width, int height) throws IOException {
        recorder.onStreamInfo(info("11111111", 320, 240));
        deliver(recorder, 0, 30, 0);
        recorder.onStateChange(StateChange.of(CameraState.CONNECTING, "reconnecting"));
        recorder.onStreamInfo(info("22222222", width, height));
        deliver(recorder, 30, 60, 0);
        recorder.close();
    }

    /** The video frames ffprobe counts in {@code file}. */
    private static String framesIn(Path file) throws IOException, InterruptedException {
        return run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames",
                "-of", "csv=p=0", file.toString()).strip();
    }

    private static void deliver(Recorder recorder, int from, int to, long rtpBase) {
        long first = units.get(from).time90k();
        for (int i = from; i < to; i++) {
            AccessUnit u = units.get(i);
            long t = u.time90k() - first;
            recorder.onVideo(new VideoFrame(0, "H264", (rtpBase + t) & 0xFFFFFFFFL, Duration.ofNanos(t * 100_000 / 9),
                    Instant.EPOCH, u.keyframe(), u.annexB(), List.of()));
        }
    }

    @Test
    void reconnectWithSameTracks_continuesInTheSameFile() throws Exception {
        Path file = dir.resolve("cam.mkv");
        Recorder recorder = new Recorder(RecordingTarget.file(file), null);
        recorder.onStreamInfo(info("11111111", 320, 240));
        deliver(recorder, 0, 30, 4_000_000_000L); // wraps past 2^32
        recorder.onStateChange(new StateChange(CameraState.RECONNECTING, "connection reset", 1, Duration.ofSeconds(1),
                java.util.Optional.empty()));
        recorder.onStateChange(StateChange.of(CameraState.CONNECTING, "reconnecting"));
        recorder.onStreamInfo(info("22222222", 320, 240));
        deliver(recorder, 30, 60, 12345);
        recorder.close();

        RecordingStatus status = recorder.status();
        assertThat(status.reconnects()).isEqualTo(1);
        assertThat(status.files()).containsExactly(file.toString());
        assertThat(status.videoFrames()).isEqualTo(60);
        assertThat(run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames",
                "-of", "csv=p=0", file.toString()).strip()).isEqualTo("h264,320,240,60");
        // The timeline goes on across the reconnect: about 2 s, not a jump by the RTP difference.
        double seconds = Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", file.toString()).strip());
        assertThat(seconds).isBetween(1.8, 2.2);
    }

    @Test
    void pictureSizeChangedAfterReconnect_goesOnInTheNextPart() throws Exception {
        Path file = dir.resolve("cam.mp4");
        Recorder recorder = new Recorder(RecordingTarget.file(file), null);
        recordAcrossReconnect(recorder, 640, 480);

        assertThat(recorder.status().files()).containsExactly(file.toString(), dir.resolve("cam-1.mp4").toString());
        assertThat(framesIn(file)).isEqualTo("30");
        assertThat(Files.size(dir.resolve("cam-1.mp4"))).isPositive();
    }

    @Test
    void durationLimit_writesFramesBelowTheLimitAndFinishes() throws Exception {
        Path file = dir.resolve("cam.mkv");
        Recorder recorder = new Recorder(RecordingTarget.file(file), Duration.ofSeconds(1));
        recorder.onStreamInfo(info("11111111", 320, 240));
        deliver(recorder, 0, 60, 0);

        assertThat(recorder.finished()).isTrue();
        assertThat(recorder.awaitFinished(Duration.ZERO)).isTrue();
        recorder.close();
        assertThat(recorder.status().videoFrames()).isEqualTo(30);
        assertThat(framesIn(file)).isEqualTo("30");
    }

    @Test
    void durationLimitAcrossReconnect_countsTheJointAsOneFrameInterval() throws Exception {
        Path file = dir.resolve("cam.mkv");
        Recorder recorder = new Recorder(RecordingTarget.file(file), Duration.ofMillis(1500));
        recordAcrossReconnect(recorder, 320, 240);

        assertThat(recorder.status().videoFrames()).isEqualTo(45); // 1.5 s at 30 fps, as without the reconnect
        assertThat(framesIn(file)).isEqualTo("45");
    }

    @Test
    void unknownExtension_isRefusedBeforeAnyFileIsMade() {
        assertThatThrownBy(() -> RecordingTarget.file(dir.resolve("cam.avi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".mkv or .mp4");
        assertThat(dir.resolve("cam.avi")).doesNotExist();
    }

    @Test
    void partFile_numbersPartsBeforeTheExtension() {
        assertThat(RecordingTarget.partFile(Path.of("/r/cam.mkv"), 0)).isEqualTo(Path.of("/r/cam.mkv"));
        assertThat(RecordingTarget.partFile(Path.of("/r/cam.mkv"), 2)).isEqualTo(Path.of("/r/cam-2.mkv"));
        assertThat(RecordingTarget.partFile(Path.of("cam.v1.mp4"), 1)).isEqualTo(Path.of("cam.v1-1.mp4"));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command[0] + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
