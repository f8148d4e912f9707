package io.gscam.nvr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** ffprobe and ffmpeg as judges of a recorded file (as the CLI's tests use them). */
final class MediaPeers {
    private MediaPeers() {
    }

    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** ffprobe's fields of the first video stream, decoding every frame to count them. */
    static Map<String, String> videoStream(Path file) throws IOException, InterruptedException {
        String text = run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "default=noprint_wrappers=1",
                file.toString()));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    /** The codec names of every stream, in order. */
    static List<String> codecs(Path file) throws IOException, InterruptedException {
        return List.of(run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", file.toString())).trim().split("\\s+"));
    }

    /** What {@code ffmpeg -v error -i FILE -f null -} prints: nothing for a clean file. */
    static String decodeErrors(Path file) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-")).trim();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
