package io.gscam.nvr.storage;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What tests ask of a segment file or a directory about O_DIRECT. */
public final class SegmentFilesForTests {
    private SegmentFilesForTests() {
    }

    /** Whether files in {@code dir} can be opened with O_DIRECT (not on tmpfs, for one). */
    public static boolean takesODirect(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "odirect", ".probe");
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            return ch.isOpen();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Whether the segment looks written O_DIRECT: it has fragments and each starts on a block of its
     * file system (through the page cache, the first starts right after the moov).
     */
    public static boolean fragmentsOnBlockBoundaries(Path file) throws IOException {
        long block = Files.getFileStore(file).getBlockSize();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Fragments f = Fragments.scan(ch);
            return !f.fragments().isEmpty() && f.fragments().stream().allMatch(x -> x.offset() % block == 0);
        }
    }
}
