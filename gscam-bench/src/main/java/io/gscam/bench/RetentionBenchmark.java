package io.gscam.bench;

import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.storage.Retention;
import io.gscam.nvr.storage.SegmentFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one retention pass costs as recordings pile up: an index holding {@code minutes} one-minute
 * segments of each of 64 cameras (1440: a day; 10080: a week, 645,120 rows), every limit far away,
 * so a pass deletes nothing. The NVR runs one every 2 seconds: this must not grow with the rows.
 */
@State(Scope.Benchmark)
public class RetentionBenchmark {
    private static final int CAMERAS = 64;

    @Param({"1440", "10080"})
    public int minutes;

    private Path data;
    private RecordingIndex index;
    private Retention retention;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        data = Files.createTempDirectory("gscam-retention-bench");
        RecordingIndex.open(data).close(); // the schema
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("index.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO segments (camera, path, start_ms, end_ms, bytes, codecs) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < minutes; i++) {
                    long start = now.minus(Duration.ofMinutes(minutes - i)).toEpochMilli();
                    for (int k = 0; k < CAMERAS; k++) {
                        p.setString(1, "c" + k);
                        p.setString(2, "segments/c" + k + "/" + i + ".mp4");
                        p.setLong(3, start);
                        p.setLong(4, start + 60_000);
                        p.setLong(5, 7_500_000); // a minute of ~1 Mbit/s
                        p.setString(6, "H264 704x480");
                        p.addBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
        }
        List<CameraSettings> cameras = new ArrayList<>();
        for (int k = 0; k < CAMERAS; k++) {
            cameras.add(CameraSettings.of("c" + k, CameraUrl.parse("rtsp://127.0.0.1/" + k))
                    .withRetain(Duration.ofDays(30)).withMaxBytes(1L << 50));
        }
        NvrConfig config = NvrConfig.defaults().withData(data).withCameras(cameras)
                .withStorage(new NvrConfig.Storage(1L << 56, 0));
        index = RecordingIndex.open(data);
        retention = new Retention(new SegmentFiles(data), index, config, () -> 1L << 50,
                Clock.fixed(now, ZoneOffset.UTC), camera -> 0);
    }

    @Benchmark
    public long enforce() throws IOException {
        retention.enforce();
        return retention.deletedSegments();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
