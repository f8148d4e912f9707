package io.gscam.nvr.storage;

import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Start-up recovery: makes the index and the disk agree before recording starts. A segment file
 * without an index row was being written when the NVR stopped (or crashed between the directory
 * fsync and the row): it is cut back to its last whole fragment, synced, and indexed. A file with
 * nothing whole in it is deleted. A row whose file is gone (a crash between retention's delete and
 * its row delete) is dropped.
 */
public final class SegmentRecovery {
    private static final Logger log = LoggerFactory.getLogger(SegmentRecovery.class);

    private final SegmentFiles files;
    private final RecordingIndex index;

    public SegmentRecovery(SegmentFiles files, RecordingIndex index) {
        this.files = files;
        this.index = index;
    }

    /** Recovers every camera directory; returns the segments it indexed. */
    public List<Segment> run() throws IOException {
        for (Segment s : index.allSegments()) {
            if (!Files.exists(files.resolve(s.path()))) {
                log.warn("index row for missing file {} dropped", s.path());
                index.deleteSegment(s.id());
            }
        }
        List<Segment> recovered = new ArrayList<>();
        Path root = files.data().resolve("segments");
        if (!Files.isDirectory(root)) {
            return recovered;
        }
        List<Path> cameras;
        try (Stream<Path> l = Files.list(root)) {
            cameras = l.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : cameras) {
            String camera = dir.getFileName().toString();
            List<Path> segs;
            try (Stream<Path> l = Files.list(dir)) {
                segs = l.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : segs) {
                if (SegmentFiles.startOf(f).isEmpty() || index.hasPath(files.relative(f))) {
                    continue;
                }
                Segment s = recover(camera, f);
                if (s != null) {
                    recovered.add(s);
                }
            }
        }
        return recovered;
    }

    /** Trims, syncs and indexes one unindexed file; null when nothing in it was whole (it is deleted). */
    public Segment recover(String camera, Path f) throws IOException {
        Instant start = SegmentFiles.startOf(f).orElseThrow();
        // When the file was last written (read before a cut changes it): its media cannot end later.
        // Media time runs ahead of the clock after a burst at PLAY (a server's cached GOP), and a
        // segment indexed as ending after the restart would hide the nvr-stopped gap.
        Instant written = Files.getLastModifiedTime(f).toInstant();
        if (f.getFileName().toString().endsWith(".mkv")) {
            // Matroska segments (G.726 cameras): cut back to the last whole block.
            MatroskaClusters m;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                m = MatroskaClusters.scan(ch);
                if (m.lastBlockMillis() >= 0 && ch.size() > m.wholeEnd()) {
                    log.info("segment {} cut back from {} to {} bytes (its last whole block)", f.getFileName(), ch.size(), m.wholeEnd());
                    ch.truncate(m.wholeEnd());
                    for (long[] at : m.unknownSizeAt()) {
                        // A Segment or Cluster that now ends early: its size becomes "unknown", as while it was written.
                        ch.write(java.nio.ByteBuffer.wrap(MatroskaClusters.unknownSize((int) at[1])), at[0]);
                    }
                }
                ch.force(true);
            }
            if (m.lastBlockMillis() < 0) {
                log.info("segment {} holds no whole block; deleted", f.getFileName());
                Files.delete(f);
                Fsync.directory(f.getParent());
                return null;
            }
            Fsync.directory(f.getParent());
            return index.addSegment(camera, files.relative(f), start, end(start, start.plusMillis(m.lastBlockMillis()), written),
                    m.wholeEnd(), "matroska");
        }
        SegmentProbe probe;
        try {
            probe = SegmentProbe.of(f);
        } catch (IOException e) {
            log.warn("segment {} unreadable ({}); deleted", f, e.getMessage());
            Files.delete(f);
            Fsync.directory(f.getParent());
            return null;
        }
        if (probe.fragments().fragments().isEmpty()) {
            log.info("segment {} holds no whole fragment; deleted", f.getFileName());
            Files.delete(f);
            Fsync.directory(f.getParent());
            return null;
        }
        long keep = probe.fragments().wholeEnd();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            if (ch.size() > keep) {
                log.info("segment {} cut back from {} to {} bytes (its last whole fragment)", f.getFileName(), ch.size(), keep);
                ch.truncate(keep);
            }
            ch.force(true);
        }
        Fsync.directory(f.getParent());
        Duration d = probe.duration();
        return index.addSegment(camera, files.relative(f), start, end(start, start.plus(d), written), keep, probe.codecs());
    }

    /** A recovered segment's end: its media's, but no later than its file was last written (nor before its start). */
    static Instant end(Instant start, Instant mediaEnd, Instant written) {
        return mediaEnd.isAfter(written) ? (written.isAfter(start) ? written : start) : mediaEnd;
    }
}
