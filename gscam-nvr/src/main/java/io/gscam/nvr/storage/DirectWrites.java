package io.gscam.nvr.storage;

import io.gscam.media.container.BlockBuffers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which MP4 segments are written with {@code O_DIRECT}, past the page cache. Every byte written through
 * the page cache is first copied into a page the kernel has to find for it; with many processes writing
 * (an NVR beside 64 segmenters) that copy cost the writer threads more than all the rest of their work
 * (docs/benchmarks.md, "NVR ingest"), and a recording nobody reads soon only pushes useful pages out.
 * {@code O_DIRECT} wants whole blocks, so each fragment is padded to its block with a {@code free} box:
 * half a block per fragment on average, which is at most 2 % of what is written when a fragment is at
 * least {@link #MIN_BLOCKS_PER_FRAGMENT} blocks (100 KiB on 4 KiB blocks, about 800 kbit/s at one
 * fragment a second). {@link Mode#AUTO} thus writes a camera's segment direct when its previous segment's
 * fragments averaged that much; its first segment, a quieter camera and Matroska segments go through the
 * page cache as before, and so does everything on a file system that refuses {@code O_DIRECT} (tmpfs).
 */
public final class DirectWrites {
    /** Padding of half a block per fragment is at most 2 % of a fragment this many blocks long. */
    static final int MIN_BLOCKS_PER_FRAGMENT = 25;
    /** The system property that sets the mode when the embedding code does not: auto, always or off. */
    public static final String PROPERTY = "gscam.nvr.directWrites";

    /** When segments are written direct. */
    public enum Mode {
        /** When the camera's previous segment had fragments of {@link #MIN_BLOCKS_PER_FRAGMENT} blocks or more. */
        AUTO,
        /** Every MP4 segment (tests, and disks where the page cache is not wanted at all). */
        ALWAYS,
        /** Never. */
        OFF;

        /** The mode {@link #PROPERTY} names, AUTO when it is not set. */
        public static Mode fromSystemProperty() {
            String v = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
            try {
                return valueOf(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be auto, always or off, not '"
                        + System.getProperty(PROPERTY) + "'", e);
            }
        }
    }

    private final Mode mode;
    private final BlockBuffers buffers;

    private DirectWrites(Mode mode, BlockBuffers buffers) {
        this.mode = buffers == null ? Mode.OFF : mode;
        this.buffers = buffers;
    }

    /** Segments under {@code dir} in {@code mode}, on its file system's block size (off when that is not usable). */
    public static DirectWrites forDirectory(Path dir, Mode mode) {
        if (mode == Mode.OFF) {
            return off();
        }
        int block = blockSize(dir);
        return new DirectWrites(mode, block > 0 ? new BlockBuffers(block) : null);
    }

    public static DirectWrites off() {
        return new DirectWrites(Mode.OFF, null);
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The buffers to write a segment direct with, or null to write it through the page cache.
     *
     * @param previousFragmentBytes the mean fragment size of the camera's previous segment, 0 when none
     */
    public BlockBuffers buffersFor(long previousFragmentBytes) {
        return switch (mode) {
            case OFF -> null;
            case ALWAYS -> buffers;
            case AUTO -> previousFragmentBytes >= (long) MIN_BLOCKS_PER_FRAGMENT * buffers.blockSize() ? buffers : null;
        };
    }

    /** The file system block size when it is a power of two from 512 bytes to 64 KiB, else 0. */
    private static int blockSize(Path dir) {
        try {
            long size = Files.getFileStore(dir).getBlockSize();
            return size >= 512 && size <= 65536 && Long.bitCount(size) == 1 ? (int) size : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }
}
