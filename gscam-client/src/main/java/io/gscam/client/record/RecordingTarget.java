package io.gscam.client.record;

import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.ContainerWriters;
import io.gscam.media.container.MatroskaWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Recorder} writes: a file, or parts of it. Part 0 is the file the user named; a
 * recording whose tracks change mid-way (another codec or picture size after a reconnect) goes on
 * in part 1, 2 ... ({@code cam-1.mkv}, {@code cam-2.mkv}) so that no file mixes two layouts.
 */
public interface RecordingTarget {
    /** Opens the writer of part {@code part} (0, 1, 2 ...). */
    ContainerWriter open(int part) throws IOException;

    /** The name of part {@code part}, for messages. */
    String name(int part);

    /** The file {@code file} (.mkv or .mp4, checked at once), with parts beside it. */
    static RecordingTarget file(Path file) {
        Objects.requireNonNull(file, "file");
        if (ContainerWriters.formatOf(file) == null) {
            throw new IllegalArgumentException("unknown container for " + file.getFileName() + ": use .mkv or .mp4");
        }
        return new RecordingTarget() {
            @Override
            public ContainerWriter open(int part) throws IOException {
                return ContainerWriters.forFile(partFile(file, part));
            }

            @Override
            public String name(int part) {
                return partFile(file, part).toString();
            }
        };
    }

    /**
     * Muxes to Matroska and throws the bytes away: the whole recording path (depacketizing, muxing)
     * without the disk, for measuring what ingest costs.
     */
    static RecordingTarget discard() {
        return new RecordingTarget() {
            @Override
            public ContainerWriter open(int part) throws IOException {
                return MatroskaWriter.create(OutputStream.nullOutputStream(), "gscam");
            }

            @Override
            public String name(int part) {
                return "(discarded)";
            }
        };
    }

    /** {@code dir/cam.mkv} for part 0, {@code dir/cam-N.mkv} for part N. */
    static Path partFile(Path file, int part) {
        if (part == 0) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String partName = dot <= 0 ? name + '-' + part : name.substring(0, dot) + '-' + part + name.substring(dot);
        return file.resolveSibling(partName);
    }
}
