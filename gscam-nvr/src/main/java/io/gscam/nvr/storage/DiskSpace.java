package io.gscam.nvr.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes on the disk holding the data directory; a seam so tests can fill a disk without filling one. */
@FunctionalInterface
public interface DiskSpace {
    long freeBytes() throws IOException;

    static DiskSpace of(Path dir) {
        return () -> Files.getFileStore(dir).getUsableSpace();
    }

    /** Whether {@code e} says the disk is full (ENOSPC, or the quota). */
    static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("not enough space");
    }
}
