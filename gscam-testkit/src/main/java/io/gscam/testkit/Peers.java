package io.gscam.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the peers nobody here wrote (ffmpeg, ffprobe, gst-launch-1.0, python3) and tells whether they
 * are installed, so interop tests skip with a visible reason where one is missing (CI installs them).
 */
public final class Peers {
    private Peers() {
    }

    /** Whether {@code tool} runs ({@code tool -version} or {@code --version} exits 0). */
    public static boolean installed(String tool) {
        for (String flag : List.of("-version", "--version")) {
            try {
                Process p = new ProcessBuilder(tool, flag).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return true;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Skips the calling test, saying which, unless every tool runs. */
    public static void assumeInstalled(String... tools) {
        for (String tool : tools) {
            assumeTrue(installed(tool), tool + " not installed: interop test skipped (.ci/run installs it)");
        }
    }

    /** How long a peer may run when the caller names no timeout: generous for ffmpeg encoding a clip. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Runs {@code command} in {@code dir} (null: this process's) within {@link #DEFAULT_TIMEOUT}. */
    public static PeerResult run(Path dir, String... command) {
        return run(DEFAULT_TIMEOUT, dir, List.of(command));
    }

    /** What {@code command} printed, stdout then stderr, as text: for assertions on a peer's whole say. */
    public static String output(String... command) {
        PeerResult r = run(null, command);
        return r.stdout() + r.stderr();
    }

    /** Runs {@code command} to its end; fails the test when it takes longer than {@code timeout}. */
    public static PeerResult run(Duration timeout, List<String> command) {
        return run(timeout, null, command);
    }

    /** As {@link #run(Duration, List)}, in working directory {@code dir} (null: this process's). */
    public static PeerResult run(Duration timeout, Path dir, List<String> command) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
            }
            return new PeerResult(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted running " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the output of " + command.get(0), e.getCause());
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
