package io.gscam.media.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Picks a {@link ContainerWriter} by file name extension. */
public final class ContainerWriters {
    private ContainerWriters() {
    }

    /** The container a file name asks for, or null when the extension is not one gscam writes. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mkv") || name.endsWith(".mka")) {
            return "matroska";
        }
        if (name.endsWith(".mp4") || name.endsWith(".m4v")) {
            return "mp4";
        }
        return null;
    }

    /** {@link #forFile(Path, SyncPolicy, String)} with {@link SyncPolicy#NEVER} and writing app "gscam". */
    public static ContainerWriter forFile(Path file) throws IOException {
        return forFile(file, SyncPolicy.NEVER, "gscam");
    }

    /**
     * Creates (or truncates) {@code file} and returns a writer for it: Matroska for .mkv/.mka,
     * fragmented MP4 for .mp4/.m4v.
     *
     * @throws IllegalArgumentException for any other extension (checked before the file is touched)
     */
    public static ContainerWriter forFile(Path file, SyncPolicy syncPolicy, String writingApp) throws IOException {
        String format = formatOf(file);
        if (format == null) {
            throw new IllegalArgumentException("unknown container for " + file.getFileName() + ": use .mkv or .mp4");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return format.equals("matroska")
                    ? MatroskaWriter.create(channel, syncPolicy, writingApp)
                    : FragmentedMp4Writer.create(channel, syncPolicy);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
