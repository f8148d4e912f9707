package io.gscam.cli.client;

import java.time.Duration;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Await;
import io.gscam.cli.EmulatedCamera;
import io.gscam.cli.Main;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code gscam record} killed with SIGKILL: the file is written as media arrives, so what was on disk
 * opens in ffprobe and holds all but at most the last second or so. The recorder runs as its own
 * process, {@code java -jar target/gscam.jar} when that jar is newer than the compiled classes, else
 * the same main class on this test's classpath (during {@code mvn verify} the jar is packaged after
 * the tests run).
 */
class RecordKillTest {
    private static final int FPS = 30;
    /** How long the recorder runs after its file appeared. */
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** What a kill may cost: the cluster or fragment not yet flushed (at most 1 s) and a margin. */
    private static final double ALLOWED_LOSS_SECONDS = 1.5;

    @RegisterExtension
    static final EmulatedCamera emulator = new EmulatedCamera();

    @TempDir
    Path dir;

    @ParameterizedTest(name = ".{0}")
    @ValueSource(strings = {"mkv", "mp4"})
    void sigkillDuringRecording_fileOpensAndHoldsAllButTheLastSecond(String container) throws Exception {
        Ffmpeg.assumeInstalled();
        Path file = dir.resolve("killed." + container);
        String url = emulator.url("admin:admin", 0);
        List<String> command = new ArrayList<>(gscamCommand());
        command.addAll(List.of("record", url, "--out", file.toString()));
        Process recorder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("record.log").toFile()).start();
        long killedAfterNanos;
        try {
            // The file is created at the first video frame (a keyframe: the camera starts readers there).
            long appeared = awaitFile(recorder, file, TimeUnit.SECONDS.toNanos(20));
            while (System.nanoTime() - appeared < RUN_NANOS) {
                if (!recorder.isAlive()) {
                    fail("the recorder exited early: " + Files.readString(dir.resolve("record.log")));
                }
                Thread.sleep(50); // the recording runs for RUN_NANOS: this wait is the test's subject, not a sync
            }
            recorder.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close
            killedAfterNanos = System.nanoTime() - appeared;
            assertThat(recorder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            recorder.destroyForcibly();
        }
        assertThat(recorder.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Map<String, String> video = Ffmpeg.videoStream(file);
        assertThat(video).containsEntry("codec_name", "h264").containsEntry("width", "704").containsEntry("height", "480");
        double elapsed = killedAfterNanos / 1e9;
        long frames = Long.parseLong(video.get("nb_read_frames"));
        assertThat(frames).as("frames after %.2f s of recording", elapsed)
                .isGreaterThanOrEqualTo((long) Math.floor((elapsed - ALLOWED_LOSS_SECONDS) * FPS))
                .isLessThanOrEqualTo((long) Math.ceil(elapsed * FPS) + FPS); // never more than was sent
        assertThat(Ffmpeg.codecs(file)).contains("pcm_mulaw");
        assertThat(Files.readString(dir.resolve("record.log"))).doesNotContain("admin:admin");
    }

    private static long awaitFile(Process recorder, Path file, long timeoutNanos) throws IOException, InterruptedException {
        Await.until(Duration.ofNanos(timeoutNanos), "the recording file", () -> {
            if (!recorder.isAlive() && !Files.exists(file)) {
                fail("the recorder ended without a recording file");
            }
            return Files.exists(file);
        });
        return System.nanoTime();
    }

    /** {@code java -jar gscam.jar} when the packaged jar is current, else Main on this classpath. */
    private static List<String> gscamCommand() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "gscam.jar");
        Path classes = Path.of("target", "classes");
        if (Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).compareTo(newest(classes)) >= 0) {
            return List.of(java, "-jar", jar.toString());
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    private static FileTime newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).max(Comparator.naturalOrder()).orElse(FileTime.fromMillis(0));
        }
    }
}
