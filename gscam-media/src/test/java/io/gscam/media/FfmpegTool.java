package io.gscam.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs ffmpeg/ffprobe for interop tests; tests skip with a visible reason when they are missing. */
public final class FfmpegTool {
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private FfmpegTool() {
    }

    public static boolean installed(String tool) {
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

    public static void assumeInstalled() {
        assumeTrue(installed("ffmpeg") && installed("ffprobe"), "ffmpeg/ffprobe not installed");
    }

    public static Result run(Path dir, String... command) throws IOException, InterruptedException {
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
    public static void ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Result r = run(dir, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException("ffmpeg failed: " + r.stderr());
        }
    }

    /** ffprobe -show_streams -count_frames as one key=value map per stream. */
    public static List<Map<String, String>> streams(Path file) throws IOException, InterruptedException {
        Result r = run(file.getParent(), "ffprobe", "-v", "error", "-count_frames", "-show_streams", file.toString());
        if (r.exitCode() != 0) {
            throw new IOException("ffprobe failed on " + file + ": " + r.stderr());
        }
        return sections(r.stdout(), "[STREAM]", "[/STREAM]");
    }

    /** ffprobe -show_packets of one stream as key=value maps. */
    public static List<Map<String, String>> packets(Path file, int stream) throws IOException, InterruptedException {
        Result r = run(file.getParent(), "ffprobe", "-v", "error", "-select_streams", String.valueOf(stream),
                "-show_packets", file.toString());
        if (r.exitCode() != 0) {
            throw new IOException("ffprobe failed on " + file + ": " + r.stderr());
        }
        return sections(r.stdout(), "[PACKET]", "[/PACKET]");
    }

    /** What `ffmpeg -v error -i FILE -f null -` prints on stderr (empty when the file decodes cleanly). */
    public static String decodeErrors(Path file) throws IOException, InterruptedException {
        Result r = run(file.getParent(), "ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        return r.stderr() + (r.exitCode() != 0 ? "exit " + r.exitCode() : "");
    }

    private static List<Map<String, String>> sections(String text, String open, String close) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.equals(open)) {
                current = new HashMap<>();
            } else if (line.equals(close)) {
                out.add(current);
                current = null;
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
