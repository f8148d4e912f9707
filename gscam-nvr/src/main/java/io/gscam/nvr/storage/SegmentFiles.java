package io.gscam.nvr.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where segments live: {@code <data>/segments/<camera>/<start>.<ext>}, the start being the UTC
 * wall-clock time of the first frame ({@code 20260105T101500.123Z}). The name alone gives a
 * half-written segment its start after a crash, before any index row exists.
 */
public final class SegmentFiles {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path data;

    public SegmentFiles(Path data) {
        this.data = data;
    }

    public Path data() {
        return data;
    }

    public Path cameraDir(String camera) {
        return data.resolve("segments").resolve(camera);
    }

    /** The file of a segment starting at {@code start}, with extension {@code ext} (mp4, mkv). */
    public Path file(String camera, Instant start, String ext) {
        return cameraDir(camera).resolve(NAME.format(start) + "." + ext);
    }

    /** The path the index stores: relative to the data directory, with forward slashes. */
    public String relative(Path file) {
        return data.relativize(file).toString().replace('\\', '/');
    }

    public Path resolve(String relative) {
        return data.resolve(relative);
    }

    /** The start time a segment file's name gives, or empty for any other file. */
    public static Optional<Instant> startOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(NAME.parse(name.substring(0, dot))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
