package io.gscam.cli.client;

import io.gscam.camera.LoopbackCamera;
import java.time.Duration;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Await;
import io.gscam.cli.CommandRun;
import io.gscam.camera.CameraServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code gscam record} while the camera is stopped and started again on the same port: the recorder
 * reconnects (1 s backoff) and goes on in the same file, which stays whole: ffprobe counts exactly the
 * frames written and ffmpeg decodes it without a word.
 */
class RecordAcrossRestartTest {
    private static final Pattern WRITTEN = Pattern.compile("(\\d+) video frames");
    /** About one second of channel 0 (1 Mbit/s): at least one cluster or fragment is on disk. */
    private static final long ONE_SECOND_OF_BYTES = 100_000;

    private final List<CameraServer> cameras = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopCameras() {
        cameras.forEach(CameraServer::close);
    }

    private CameraServer camera(int rtspPort) throws Exception {
        CameraServer camera = LoopbackCamera.start(LoopbackCamera.config().rtspPort(rtspPort).build());
        cameras.add(camera);
        return camera;
    }

    @ParameterizedTest(name = ".{0}")
    @ValueSource(strings = {"mkv", "mp4"})
    void cameraRestarted_recordingGoesOnInTheSameFileAndDecodesCleanly(String container) throws Exception {
        Ffmpeg.assumeInstalled();
        CameraServer first = camera(0);
        int port = first.rtspAddress().getPort();
        Path file = dir.resolve("cam." + container);
        CompletableFuture<CommandRun> record = CompletableFuture.supplyAsync(() -> CommandRun.of("record",
                "rtsp://admin:admin@127.0.0.1:" + port + "/0", "--out", file.toString(), "--duration", "4"));

        awaitSize(file, ONE_SECOND_OF_BYTES, record);
        first.close();
        camera(port);
        CommandRun run = record.get(60, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("camera lost").contains("camera back: recording goes on in the same file")
                .contains("1 reconnects");
        assertThat(dir.resolve("cam-1." + container)).doesNotExist();
        Matcher m = WRITTEN.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        long written = Long.parseLong(m.group(1));
        assertThat(written).isBetween(115L, 120L); // 4 s of media at 30 fps, across both sessions
        Map<String, String> video = Ffmpeg.videoStream(file);
        assertThat(video).containsEntry("codec_name", "h264").containsEntry("width", "704");
        assertThat(Long.parseLong(video.get("nb_read_frames"))).isEqualTo(written);
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
    }

    private static void awaitSize(Path file, long bytes, CompletableFuture<CommandRun> record)
            throws IOException, InterruptedException {
        Await.until(Duration.ofSeconds(20), "the recording to reach " + bytes + " bytes", () -> {
            if (record.isDone()) {
                fail("the recording did not reach " + bytes + " bytes: " + record.join().err());
            }
            return sizeOf(file) >= bytes;
        });
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // replaced between the two calls: polled again
        }
    }
}
