package io.gscam.camera.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs ffmpeg/ffprobe for the source tests; tests skip with a visible reason when they are missing.
 * The part of gscam-media's test FfmpegTool these tests used, brought along when the sources moved
 * to the camera (the shared test kit is to replace both).
 */
final class FfmpegTool {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private FfmpegTool() {
    }

    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assumeInstalled() {
        assumeTrue(installed("ffmpeg") && installed("ffprobe"), "ffmpeg/ffprobe not installed");
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs ffmpeg and fails when it does not succeed. */
    static void ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Result r = run(dir, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException("ffmpeg failed: " + r.stderr());
        }
    }
}
