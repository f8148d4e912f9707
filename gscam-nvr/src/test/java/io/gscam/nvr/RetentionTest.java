package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.Retention;
import io.gscam.nvr.storage.SegmentFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest {
    /** A small per-camera cap holds while recording: oldest segments go, usage never passes it by more than one segment. */
    @Test
    void aSmallCapHoldsWhileRecording(@TempDir Path data) throws Exception {
        long cap = 700_000;
        try (CameraServer camera = TestNvr.camera(0);
             Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera).withMaxBytes(cap)),
                     TestNvr.options(Duration.ofSeconds(1)))) {
            long largestSegment = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (System.nanoTime() < deadline) {
                for (Segment s : nvr.index().segments("cam", null, null)) {
                    largestSegment = Math.max(largestSegment, s.bytes());
                }
                long onDisk = bytesUnder(data.resolve("segments"));
                assertThat(onDisk).as("bytes on disk vs cap %d + largest segment %d", cap, largestSegment)
                        .isLessThanOrEqualTo(cap + Math.max(largestSegment, 400_000));
                Thread.sleep(100); // sampling the disk while it records; the loop's deadline decides
            }
            assertThat(nvr.retention().deletedSegments()).as("retention deleted the oldest").isPositive();
            List<Segment> left = nvr.index().segments("cam", null, null);
            assertThat(left).isNotEmpty();
            for (Segment s : left) {
                assertThat(data.resolve(s.path())).exists();
            }
            assertThat(left.get(0).start()).as("the oldest went first").isAfter(nvr.clock().instant().minusSeconds(12));
        }
    }

    @Test
    void ageTotalAndFreeSpaceLimitsDeleteOldestFirst(@TempDir Path data) throws Exception {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        CameraSettings a = CameraSettings.of("a", CameraUrl.parse("rtsp://127.0.0.1/0"));
        CameraSettings b = CameraSettings.of("b", CameraUrl.parse("rtsp://127.0.0.1/1"));
        NvrConfig config = NvrConfig.defaults().withData(data).withCameras(List.of(a, b))
                .withStorage(new NvrConfig.Storage(3000, 0));
        SegmentFiles files = new SegmentFiles(data);
        long[] free = {1_000_000};
        try (RecordingIndex index = RecordingIndex.open(data)) {
            Retention retention = new Retention(files, index, config, () -> free[0], Clock.fixed(now, ZoneOffset.UTC), c -> 0);
            Segment old = segment(files, index, "a", now.minus(Duration.ofDays(8)), 1000);
            Segment a1 = segment(files, index, "a", now.minus(Duration.ofDays(2)), 1000);
            Segment b1 = segment(files, index, "b", now.minus(Duration.ofDays(1)), 1000);
            Segment a2 = segment(files, index, "a", now.minus(Duration.ofHours(1)), 1000);
            retention.enforce();
            assertThat(index.allSegments()).extracting(Segment::id).containsExactly(a1.id(), b1.id(), a2.id());
            assertThat(files.resolve(old.path())).doesNotExist();

            segment(files, index, "b", now.minus(Duration.ofMinutes(1)), 1000); // 4000 bytes > 3000 total
            retention.enforce();
            assertThat(index.allSegments()).extracting(Segment::id).doesNotContain(a1.id()).hasSize(3);

            free[0] = -1500; // below minFreeBytes (0) by 1500: two more must go
            retention.enforce();
            assertThat(index.allSegments()).hasSize(1);
            assertThat(retention.deletedSegments()).isEqualTo(4);
        }
    }

    /**
     * Limits that take several batches of the oldest rows (retention reads 1, 2, 4 ... 64 at a time) and a
     * camera outside the config: each limit deletes exactly the oldest it must, across batches; the
     * index's per-camera totals follow every add and delete and are read again at open; gaps
     * before a camera's oldest recording left go, at start-up too.
     */
    @Test
    void limitsDeletingMoreThanOneBatch_deleteExactlyTheOldest_andTheTotalsFollow(@TempDir Path data) throws Exception {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        CameraSettings a = CameraSettings.of("a", CameraUrl.parse("rtsp://127.0.0.1/0")).withRetain(Duration.ofDays(1));
        CameraSettings b = CameraSettings.of("b", CameraUrl.parse("rtsp://127.0.0.1/1")).withMaxBytes(100 * 100);
        NvrConfig config = NvrConfig.defaults().withData(data).withCameras(List.of(a, b))
                .withStorage(new NvrConfig.Storage(1_000_000, 0));
        SegmentFiles files = new SegmentFiles(data);
        try (RecordingIndex index = RecordingIndex.open(data)) {
            index.addGap(new Gap("a", now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)), Gap.CAMERA_OFFLINE));
            Instant aStart = now.minus(Duration.ofDays(2));
            for (int i = 0; i < 150; i++) { // 150, 11 minutes apart, from two days ago: the first 131 too old (more than a batch)
                segment(files, index, "a", aStart.plus(Duration.ofMinutes(i * 11L)), 100);
            }
            for (int i = 0; i < 230; i++) { // 230 of 100 bytes where 100 are allowed
                segment(files, index, "b", now.minus(Duration.ofHours(10)).plus(Duration.ofMinutes(i)), 100);
            }
            for (int i = 0; i < 5; i++) { // a camera no longer configured: only the storage limits apply
                segment(files, index, "gone", now.minus(Duration.ofDays(30 - i)), 100);
            }
            assertThat(index.bytesByCamera()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 15_000L, "b", 23_000L, "gone", 500L));
            long tooOld = index.segments("a", null, null).stream()
                    .filter(s -> s.end().isBefore(now.minus(Duration.ofDays(1)))).count();
            assertThat(tooOld).isGreaterThan(64);

            new Retention(files, index, config, () -> 1_000_000, Clock.fixed(now, ZoneOffset.UTC), c -> 0).enforce();

            List<Segment> leftA = index.segments("a", null, null);
            assertThat(leftA).hasSize(150 - (int) tooOld).allSatisfy(s -> assertThat(s.end()).isAfterOrEqualTo(now.minus(Duration.ofDays(1))));
            List<Segment> leftB = index.segments("b", null, null);
            assertThat(leftB).hasSize(100);
            assertThat(leftB.get(0).start()).isEqualTo(now.minus(Duration.ofHours(10)).plus(Duration.ofMinutes(130)));
            assertThat(index.segments("gone", null, null)).hasSize(5);
            assertThat(index.bytesByCamera()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("a", 100L * leftA.size(), "b", 10_000L, "gone", 500L));
            assertThat(index.gaps("a", null, null)).as("a gap before a's oldest recording").isEmpty();

            // The storage limit, over all cameras, oldest first: "gone" (30 days old) goes before the rest.
            config = config.withStorage(new NvrConfig.Storage(100L * (leftA.size() + 100) - 250, 0));
            new Retention(files, index, config, () -> 1_000_000, Clock.fixed(now, ZoneOffset.UTC), c -> 0).enforce();
            assertThat(index.segments("gone", null, null)).isEmpty();
            assertThat(index.segments("a", null, null)).hasSize(leftA.size() - 3);
            assertThat(files.resolve(leftA.get(2).path())).doesNotExist();
            assertThat(files.resolve(leftA.get(3).path())).exists();
        }
        try (RecordingIndex reopened = RecordingIndex.open(data)) {
            assertThat(reopened.bytesByCamera()).as("read from the table at open")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("a", 100L * (reopened.segments("a", null, null).size()), "b", 10_000L));
        }
    }

    private static Segment segment(SegmentFiles files, RecordingIndex index, String camera, Instant start, int bytes)
            throws Exception {
        Path f = files.file(camera, start, "mp4");
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[bytes]);
        return index.addSegment(camera, files.relative(f), start, start.plusSeconds(60), bytes, "H264 704x480");
    }

    private static long bytesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (java.io.IOException e) {
                    return 0; // deleted while walking
                }
            }).sum();
        }
    }
}
