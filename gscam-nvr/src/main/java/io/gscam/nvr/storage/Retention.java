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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final SegmentFiles files;
    private final RecordingIndex index;
    private final NvrConfig config;
    private final DiskSpace disk;
    private final Clock clock;
    private final ToLongFunction<String> openBytes;
    private long deletedSegments;
    private long deletedBytes;

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

    /** Applies every limit once. Blocking (index and file system). */
    public synchronized void enforce() throws IOException {
        List<Segment> all = new ArrayList<>(index.allSegments());
        Instant now = clock.instant();
        Map<String, Long> perCamera = new HashMap<>();
        for (Segment s : all) {
            perCamera.merge(s.camera(), s.bytes(), Long::sum);
        }
        long total = 0;
        for (CameraSettings c : config.cameras()) {
            long open = openBytes.applyAsLong(c.name());
            perCamera.merge(c.name(), open, Long::sum);
        }
        for (long b : perCamera.values()) {
            total += b;
        }
        long free = disk.freeBytes();
        List<Segment> keep = new ArrayList<>();
        for (Segment s : all) { // oldest first
            CameraSettings c = config.camera(s.camera());
            long cameraBytes = perCamera.getOrDefault(s.camera(), 0L);
            boolean tooOld = c != null && s.end().isBefore(now.minus(c.retain()));
            boolean cameraFull = c != null && cameraBytes > c.maxBytes();
            boolean totalFull = total > config.storage().maxBytes();
            boolean diskLow = free < config.storage().minFreeBytes();
            if (tooOld || cameraFull || totalFull || diskLow) {
                delete(s);
                perCamera.put(s.camera(), cameraBytes - s.bytes());
                total -= s.bytes();
                free += s.bytes();
            } else {
                keep.add(s);
            }
        }
        // Gaps before the oldest recording left say nothing any more.
        Map<String, Instant> oldest = new HashMap<>();
        for (Segment s : keep) {
            oldest.putIfAbsent(s.camera(), s.start());
        }
        for (Map.Entry<String, Instant> e : oldest.entrySet()) {
            index.deleteGapsBefore(e.getKey(), e.getValue());
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
