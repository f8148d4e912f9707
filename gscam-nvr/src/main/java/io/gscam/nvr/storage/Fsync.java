package io.gscam.nvr.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * fsync of a file and of the directory that names it. A new file's bytes are durable only when
 * both are synced: the file for its contents, the directory for its entry (Moonfire NVR's
 * {@code design/} notes; ext4 and XFS need both after a create or a delete).
 */
public final class Fsync {
    private Fsync() {
    }

    public static void file(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    /** Syncs the directory entry list; a no-op where directories cannot be opened (not Linux). */
    public static void directory(Path dir) throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; its file system orders this itself.
        }
    }
}
