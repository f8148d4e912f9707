package io.gscam.nvr.web;

import io.gscam.nvr.Nvr;
import io.gscam.nvr.index.Segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A thumbnail of a recording: the keyframe at or before a time, as JPEG. ffmpeg reads the segment
 * (MP4 or Matroska) and decodes that one keyframe (H.264) or copies it as it is (MJPEG, the frame
 * itself); run on the HTTP worker pool, never on an event loop, with a deadline. Without ffmpeg
 * on the PATH there are no thumbnails. The last answers are kept, since an events list asks for
 * the same ones again at every refresh.
 */
final class Snapshots {
    private static final int CACHE = 256;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Nvr nvr;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
            return size() > CACHE;
        }
    };

    Snapshots(Nvr nvr) {
        this.nvr = nvr;
    }

    Optional<byte[]> at(String camera, Instant time) throws IOException {
        String key = camera + "@" + time;
        synchronized (cache) {
            byte[] hit = cache.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        List<Segment> segs = nvr.index().segments(camera, time, time.plusSeconds(10));
        if (segs.isEmpty()) {
            return Optional.empty();
        }
        Segment seg = segs.get(0);
        Path file = nvr.files().resolve(seg.path());
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        double offset = Math.max(0, Duration.between(seg.start(), time).toMillis() / 1000.0);
        boolean mjpeg = seg.codecs().toUpperCase(java.util.Locale.ROOT).contains("JPEG");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-ss", String.format(java.util.Locale.ROOT, "%.3f", offset),
                "-i", file.toString(), "-frames:v", "1", "-an"));
        if (mjpeg) {
            cmd.addAll(List.of("-c:v", "copy"));
        } else {
            cmd.addAll(List.of("-vf", "scale=320:-2", "-c:v", "mjpeg", "-q:v", "5"));
        }
        Path out = Files.createTempFile("gscam-snapshot", ".jpg");
        cmd.addAll(List.of("-y", "-f", "image2", out.toString()));
        byte[] jpeg;
        try {
            // Output to a file, not a pipe: waiting on the process is then the only wait, and it has a deadline.
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            jpeg = Files.readAllBytes(out);
            if (p.exitValue() != 0 || jpeg.length < 4) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // ffmpeg not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            Files.deleteIfExists(out);
        }
        synchronized (cache) {
            cache.put(key, jpeg);
        }
        return Optional.of(jpeg);
    }
}
