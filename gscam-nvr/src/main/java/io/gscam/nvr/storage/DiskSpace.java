package io.gscam.nvr.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes on the disk holding the data directory; a seam so tests can fill a disk without filling one. */
@FunctionalInterface
public interface DiskSpace {
    long freeBytes() throws IOException;

    /**
     * The disk of {@code dir}. Its file store is looked up once (on Linux that parses the mount table
     * and resolves the path: a dozen system calls, where each recorder asks every second); each
     * answer is then one statvfs.
     */
    static DiskSpace of(Path dir) {
        return new DiskSpace() {
            private volatile FileStore store;

            @Override
            public long freeBytes() throws IOException {
                FileStore s = store;
                if (s == null) {
                    s = Files.getFileStore(dir);
                    store = s;
                }
                return s.getUsableSpace();
            }
        };
    }

    /** Whether {@code e} says the disk is full (ENOSPC, or the quota). */
    static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("not enough space");
    }
}
