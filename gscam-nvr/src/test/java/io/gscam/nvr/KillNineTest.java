package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraServer;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.DirectWrites;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * kill -9 of a real NVR process at random moments, again and again: every indexed segment is
 * complete and never touched again, and after the last restart's recovery the index and the disk
 * agree exactly, every segment plays, and every hole between segments is a recorded gap. Every
 * other run writes its segments O_DIRECT. 20 kills here; {@code scripts/kill-nine.sh} runs 50 ({@code -Dgscam.killnine.loops=50}).
 */
class KillNineTest {
    private static final int LOOPS = Integer.getInteger("gscam.killnine.loops", 20);
    /** A hole's last seconds may be the restart itself (connecting, the first keyframe), before any gap ends. */
    private static final Duration START_UP = Duration.ofSeconds(10);

    @Test
    void killedAtRandomMomentsTheIndexAndTheDiskAgreeAndEverySegmentPlays(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffmpeg"), "ffmpeg not installed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("KillNineTest seed " + seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (CameraServer camera = TestNvr.camera(0)) {
            String port = Integer.toString(camera.rtspAddress().getPort());
            for (int i = 0; i < LOOPS; i++) {
                // Every other run writes its segments O_DIRECT (padded fragments, no page cache).
                String direct = "-D" + DirectWrites.PROPERTY + "=" + (i % 2 == 0 ? "auto" : "always");
                Process p = new ProcessBuilder(java, "-Xmx256m", direct, "-cp", System.getProperty("java.class.path"),
                        NvrProcess.class.getName(), data.toString(), port, TestNvr.CAMERA_PASSWORD)
                        .redirectErrorStream(true).redirectOutput(data.resolve("nvr-" + i + ".log").toFile()).start();
                try {
                    // Half the kills land at start-up (recovery, connecting), half while a segment is being written.
                    if (random.nextBoolean()) {
                        if (p.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS)) {
                            fail("the NVR process exited by itself with " + p.exitValue() + " (seed " + seed + ")");
                        }
                    } else {
                        long before = segmentFiles(data);
                        Await.result(Duration.ofSeconds(30), "the NVR process writing a segment (seed " + seed + ")",
                                () -> p.isAlive() ? segmentFiles(data) > before : fail("the NVR process exited: " + p.exitValue()));
                        p.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS);
                    }
                } finally {
                    p.destroyForcibly(); // SIGKILL
                    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
                checkIndexedSegmentsAreWhole(data, seed);
            }
            // A last start recovers what the last kill left; a clean stop finishes what it wrote.
            try (Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)), TestNvr.options(Duration.ofSeconds(1)))) {
                Await.result(Duration.ofSeconds(30), "playing again", () -> nvr.cameras().get(0).state() == io.gscam.client.CameraState.PLAYING);
            }
        }
        try (RecordingIndex index = RecordingIndex.open(data)) {
            List<Segment> rows = index.allSegments();
            assertThat(rows).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(3);
            Set<String> files;
            try (Stream<Path> s = Files.walk(data.resolve("segments"))) {
                files = s.filter(Files::isRegularFile).map(f -> data.relativize(f).toString()).collect(Collectors.toSet());
            }
            assertThat(files).as("every file has its row and every row its file (seed %d)", seed)
                    .isEqualTo(rows.stream().map(Segment::path).collect(Collectors.toCollection(HashSet::new)));
            for (Segment s : rows) {
                Path f = data.resolve(s.path());
                assertThat(Files.size(f)).as(s.path()).isEqualTo(s.bytes());
                assertThat(Ffmpeg.decodeErrors(f)).as("%s (seed %d)", s.path(), seed).isEmpty();
            }
            List<Gap> gaps = index.gaps("cam", null, null);
            assertThat(gaps).as("each restart's downtime").anyMatch(g -> g.cause().equals("nvr-stopped"));
            List<Segment> byStart = rows.stream().sorted(Comparator.comparing(Segment::start)).toList();
            for (int i = 0; i + 1 < byStart.size(); i++) {
                Instant from = byStart.get(i).end().plusSeconds(1);
                Instant to = byStart.get(i + 1).start().minus(START_UP);
                Instant hole = byStart.get(i).end();
                Instant next = byStart.get(i + 1).start();
                assertThat(uncovered(from, to, gaps)).as("the hole %s..%s after %s is a recorded gap (seed %d); gaps %s", hole, next,
                        byStart.get(i).path(), seed, gaps.stream().filter(g -> g.end().isAfter(hole.minusSeconds(5))
                                && g.start().isBefore(next.plusSeconds(5))).toList()).isNull();
            }
            System.out.printf("KillNineTest: %d kills, %d segments, %d gaps%n", LOOPS, rows.size(), gaps.size());
        }
    }

    /** The first moment of [from, to) no gap covers, or null when the gaps cover it all. */
    private static Instant uncovered(Instant from, Instant to, List<Gap> gaps) {
        Instant at = from;
        boolean moved = true;
        while (at.isBefore(to) && moved) {
            moved = false;
            for (Gap g : gaps) {
                if (!g.start().isAfter(at.plusSeconds(1)) && g.end().isAfter(at)) {
                    at = g.end();
                    moved = true;
                }
            }
        }
        return at.isBefore(to) ? at : null;
    }

    private static long segmentFiles(Path data) throws java.io.IOException {
        Path dir = data.resolve("segments/cam");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /** Between kills: a row names a file that exists with exactly the row's size (rows come after fsync, files never change after). */
    private static void checkIndexedSegmentsAreWhole(Path data, long seed) throws Exception {
        if (!Files.exists(data.resolve("index.db"))) {
            return;
        }
        try (RecordingIndex index = RecordingIndex.open(data)) {
            for (Segment s : index.allSegments()) {
                Path f = data.resolve(s.path());
                assertThat(f).as("seed %d", seed).exists();
                assertThat(Files.size(f)).as("%s (seed %d)", s.path(), seed).isEqualTo(s.bytes());
            }
        }
    }
}
