package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.testkit.Await;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real disk that fills (an 8 MiB tmpfs holding the segments and the index, filled by another
 * writer to the last byte): recording pauses with a disk-full gap, resumes by itself once the space
 * is back, and nothing is corrupt: every row's file is there with its size, every file has its row,
 * every file decodes. Needs root for mount; skipped with the reason otherwise.
 */
class TmpfsDiskFullTest {
    @Test
    void aFilledTmpfsPausesRecordingAndItResumesWhenSpaceReturns(@TempDir Path dir) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        Path data = dir.resolve("disk");
        Files.createDirectories(data);
        PeerResult mount = Peers.run(Duration.ofSeconds(20), List.of("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data.toString()));
        Assumptions.assumeTrue(mount.exit() == 0, "mount -t tmpfs refused (needs root): " + mount.stderr().trim());
        try {
            Path ballast = data.resolve("ballast");
            // Channel 4 (256 kbit/s): segments small against the 2 MiB kept free, so retention cannot make room.
            CameraSettings cam;
            try (CameraServer camera = TestNvr.camera(0)) {
                cam = CameraSettings.of("cam", CameraUrl.parse("rtsp://admin:" + TestNvr.CAMERA_PASSWORD + "@127.0.0.1:"
                        + camera.rtspAddress().getPort() + "/4"));
                try (Nvr nvr = Nvr.start(TestNvr.config(data, cam).withStorage(new NvrConfig.Storage(50_000_000_000L, 2L << 20)),
                        TestNvr.options(Duration.ofSeconds(1)))) {
                    Await.result(Duration.ofSeconds(30), "two segments", () -> nvr.index().segments("cam", null, null).size() >= 2);
                    Instant full = Instant.now();
                    fill(ballast);
                    Await.until(Duration.ofSeconds(15), "recording paused", () -> !nvr.cameras().get(0).recording());
                    Await.until(Duration.ofSeconds(10), "3 s of full disk", () -> Duration.between(full, Instant.now()).toMillis() > 3000);
                    assertThat(nvr.cameras().get(0).recording()).as("still paused").isFalse();
                    Files.delete(ballast);
                    Instant freed = Instant.now();
                    Gap gap = Await.result(Duration.ofSeconds(20), "a disk-full gap", () -> nvr.index().gaps("cam", null, null).stream()
                            .filter(g -> g.cause().equals(Gap.DISK_FULL)).findFirst().orElse(null));
                    assertThat(gap.start()).isBetween(full.minusSeconds(2), freed);
                    assertThat(gap.end()).isBetween(freed.minusMillis(100), freed.plusSeconds(5));
                    Await.result(Duration.ofSeconds(20), "recording again", () -> nvr.index().segments("cam", null, null).stream()
                            .anyMatch(s -> s.start().isAfter(freed)));
                }
            }
            try (RecordingIndex index = RecordingIndex.open(data)) {
                List<Segment> rows = index.allSegments();
                Set<String> files;
                try (Stream<Path> s = Files.walk(data.resolve("segments"))) {
                    files = s.filter(Files::isRegularFile).map(f -> data.relativize(f).toString()).collect(Collectors.toSet());
                }
                assertThat(files).as("every file has its row and every row its file")
                        .isEqualTo(rows.stream().map(Segment::path).collect(Collectors.toCollection(HashSet::new)));
                for (Segment s : rows) {
                    assertThat(Files.size(data.resolve(s.path()))).as(s.path()).isEqualTo(s.bytes());
                    assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).as(s.path()).isEmpty();
                }
            }
        } finally {
            Peers.run(Duration.ofSeconds(20), List.of("umount", "-l", data.toString()));
        }
    }

    /** Writes {@code file} until the disk has no byte left. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}
