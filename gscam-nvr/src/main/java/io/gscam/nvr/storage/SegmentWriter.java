package io.gscam.nvr.storage;

import com.sun.nio.file.ExtendedOpenOption;
import io.gscam.media.MediaSample;
import io.gscam.media.container.BlockBuffers;
import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.FragmentArrays;
import io.gscam.media.container.FragmentedMp4Writer;
import io.gscam.media.container.MatroskaWriter;
import io.gscam.media.container.SyncPolicy;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * One segment file being written: fragmented MP4 (1 s fragments, each handed to the OS as it is
 * complete, so a crash loses at most the fragment in progress), or Matroska when a track is G.726,
 * which MP4 has no sample entry for. {@link #close()} finishes the file and makes it durable in
 * Moonfire NVR's order: fsync the file, fsync its directory; only then may the caller add the
 * index row. Not thread safe: one recorder thread owns it.
 */
public final class SegmentWriter implements AutoCloseable {
    private final Path file;
    private final ContainerWriter writer;
    private final int[] trackIds;
    private final boolean direct;
    private boolean closed;

    private SegmentWriter(Path file, ContainerWriter writer, int[] trackIds, boolean direct) {
        this.file = file;
        this.writer = writer;
        this.trackIds = trackIds;
        this.direct = direct;
    }

    /** The file extension segments of these tracks get: mkv when MP4 cannot carry one of them. */
    public static String extensionFor(List<Track> tracks) {
        return tracks.stream().anyMatch(t -> t.codec() == TrackCodec.G726) ? "mkv" : "mp4";
    }

    /** Creates {@code file} (and its directory) with {@code tracks}, indexed as given, through the page cache. */
    public static SegmentWriter create(Path file, List<Track> tracks) throws IOException {
        return create(file, tracks, null);
    }

    /**
     * Creates {@code file} (and its directory) with {@code tracks}, indexed as given. With {@code blocks},
     * an MP4 segment is written with {@code O_DIRECT} ({@link FragmentedMp4Writer#createDirect}) where the
     * file system takes it; Matroska (whose sizes are patched in place) and a refusing file system (tmpfs)
     * go through the page cache.
     */
    public static SegmentWriter create(Path file, List<Track> tracks, BlockBuffers blocks) throws IOException {
        return create(file, tracks, blocks, new FragmentArrays());
    }

    /**
     * {@link #create(Path, List, BlockBuffers)}, an MP4 segment's fragments built in {@code arrays}, which
     * its writer takes over from the previous segment's (a camera's recorder keeps one set).
     */
    public static SegmentWriter create(Path file, List<Track> tracks, BlockBuffers blocks, FragmentArrays arrays)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arrays, "arrays");
        Files.createDirectories(file.getParent());
        boolean mkv = file.getFileName().toString().endsWith(".mkv");
        FileChannel ch = blocks != null && !mkv ? openDirect(file) : null;
        boolean direct = ch != null;
        if (!direct) {
            ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        ContainerWriter w;
        try {
            w = mkv ? MatroskaWriter.create(ch, SyncPolicy.ON_CLOSE, "gscam-nvr")
                    : direct ? FragmentedMp4Writer.createDirect(ch, SyncPolicy.ON_CLOSE, blocks, arrays)
                    : FragmentedMp4Writer.create(ch, SyncPolicy.ON_CLOSE, arrays);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        int[] ids = new int[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            ids[i] = w.addTrack(tracks.get(i));
        }
        return new SegmentWriter(file, w, ids, direct);
    }

    /** The file created for O_DIRECT writing, or null (nothing left behind) when the file system refuses it. */
    private static FileChannel openDirect(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    ExtendedOpenOption.DIRECT);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(file); // open(2) may have created it before refusing O_DIRECT
            return null;
        }
    }

    /** Whether this segment goes to the disk with {@code O_DIRECT}. */
    public boolean direct() {
        return direct;
    }

    /** The mean size of the fragments written so far (0 before the first, and for Matroska). */
    public long meanFragmentBytes() {
        long n = writer instanceof FragmentedMp4Writer f ? f.fragmentsWritten() : 0;
        return n == 0 ? 0 : writer.bytesWritten() / n;
    }

    public Path file() {
        return file;
    }

    /** Writes a sample of the {@code index}-th track given at creation. */
    public void write(int index, MediaSample sample) throws IOException {
        writer.writeSample(trackIds[index], sample);
    }

    public long bytes() {
        return writer.bytesWritten();
    }

    public long samplesWritten() {
        return writer.samplesWritten();
    }

    /** Finishes the file, fsyncs it (the writer's ON_CLOSE policy) and then its directory. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        Fsync.directory(file.getParent());
    }

    /** Closes without caring whether the bytes made it (the disk is full): recovery trims the file. */
    public void abandon() {
        closed = true;
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is trimmed to its last whole fragment by the caller
        }
    }
}
