package io.gscam.nvr.storage;

import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Deletes recordings, oldest first, until every limit holds: a camera's {@code retain} (age) and
 * {@code maxBytes}, {@code storage.maxBytes} over all cameras, and {@code storage.minFreeBytes}
 * left on the disk. The segments being written count too (their bytes so far), and retention runs
 * at every segment close and every few seconds, so usage never passes a limit by more than the
 * segment in progress. A file is deleted (and its directory synced) before its row: a crash in
 * between leaves a row without a file, which start-up recovery drops; never a file without a row
 * that recovery would bring back.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** At most this many segments are read from the index at a time, oldest first. */
    private static final int MAX_BATCH = 64;

    private final SegmentFiles files;
    private final RecordingIndex index;
    private final NvrConfig config;
    private final DiskSpace disk;
    private final Clock clock;
    private final ToLongFunction<String> openBytes;
    private long deletedSegments;
    private long deletedBytes;
    private boolean firstRun = true;

    /**
     * @param openBytes bytes of the segment a camera is writing now (0 when none)
     */
    public Retention(SegmentFiles files, RecordingIndex index, NvrConfig config, DiskSpace disk, Clock clock,
                     ToLongFunction<String> openBytes) {
        this.files = files;
        this.index = index;
        this.config = config;
        this.disk = disk;
        this.clock = clock;
        this.openBytes = openBytes;
    }

    /**
     * Applies every limit once. Blocking (index and file system). It reads only what it deletes and
     * the next few rows after: each camera's bytes come from the index's running totals, and the
     * oldest segments a batch at a time, so its cost does not grow with weeks of recordings (it read
     * every row, every 2 s, before: 645,000 rows after a week of 64 cameras).
     */
    public synchronized void enforce() throws IOException {
        Instant now = clock.instant();
        Pass pass = new Pass();
        // Each camera's own limits: its oldest segments while they are too old or it holds too much.
        for (CameraSettings c : config.cameras()) {
            Instant oldestKept = now.minus(c.retain());
            pass.deleteOldest(c.name(), s -> s.end().isBefore(oldestKept) || pass.bytesOf(c.name()) > c.maxBytes());
        }
        // The storage's: the oldest of all cameras while the total or the free space is past its limit.
        pass.deleteOldest(null, s -> pass.total > config.storage().maxBytes() || pass.free < config.storage().minFreeBytes());
        // Gaps before a camera's oldest recording left say nothing any more (at start-up: every camera).
        for (String camera : firstRun ? index.bytesByCamera().keySet() : pass.trimmed) {
            for (Segment oldest : index.oldestSegments(camera, 1)) {
                index.deleteGapsBefore(camera, oldest.start());
            }
        }
        firstRun = false;
    }

    /** One {@link #enforce} pass: the usage it starts from, less what it deletes. */
    private final class Pass {
        /** Each camera's bytes, the segment being written included. */
        private final Map<String, Long> perCamera = new HashMap<>(index.bytesByCamera());
        private final Set<String> trimmed = new HashSet<>();
        private long total;
        private long free;

        Pass() throws IOException {
            free = disk.freeBytes();
            for (CameraSettings c : config.cameras()) {
                perCamera.merge(c.name(), openBytes.applyAsLong(c.name()), Long::sum);
            }
            perCamera.values().forEach(b -> total += b);
        }

        long bytesOf(String camera) {
            return perCamera.getOrDefault(camera, 0L);
        }

        /** Deletes the oldest segments of {@code camera} (null: of all) while {@code delete} says so, oldest first. */
        void deleteOldest(String camera, Predicate<Segment> delete) throws IOException {
            // Usually the oldest row says there is nothing to do: one row first, twice as many each time after.
            for (int batch = 1; ; batch = Math.min(MAX_BATCH, 2 * batch)) {
                List<Segment> oldest = index.oldestSegments(camera, batch);
                for (Segment s : oldest) {
                    if (!delete.test(s)) {
                        return;
                    }
                    delete(s);
                    perCamera.merge(s.camera(), -s.bytes(), Long::sum);
                    total -= s.bytes();
                    free += s.bytes();
                    trimmed.add(s.camera());
                }
                if (oldest.size() < batch) {
                    return;
                }
            }
        }
    }

    public synchronized long deletedSegments() {
        return deletedSegments;
    }

    public synchronized long deletedBytes() {
        return deletedBytes;
    }

    private void delete(Segment s) throws IOException {
        var f = files.resolve(s.path());
        Files.deleteIfExists(f);
        Fsync.directory(f.getParent());
        index.deleteSegment(s.id());
        deletedSegments++;
        deletedBytes += s.bytes();
        log.debug("retention deleted {} ({} bytes)", s.path(), s.bytes());
    }
}
