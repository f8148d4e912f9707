package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
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
