package io.gscam.client.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the interop peers (ffmpeg, ffprobe) for this package's tests. */
final class PeerTools {
    private PeerTools() {
    }

    /** Whether {@code tool} runs at all ({@code tool -version}). */
    static boolean installed(String tool) {
        try {
            run(tool, "-version");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end (60 s at most) and returns its stdout and stderr together. */
    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
