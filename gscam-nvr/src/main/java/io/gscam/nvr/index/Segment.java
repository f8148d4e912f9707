package io.gscam.nvr.index;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded segment file as the index knows it.
 *
 * @param id     the row id
 * @param camera the camera's name
 * @param path   the file, relative to the data directory ({@code segments/front/20260105T101500.000Z.mp4})
 * @param start  wall-clock time of its first frame
 * @param end    wall-clock time its last frame ends
 * @param bytes  file size
 * @param codecs what it holds, e.g. {@code H264 704x480, PCMU 8000}
 */
public record Segment(long id, String camera, String path, Instant start, Instant end, long bytes, String codecs) {
    public Duration duration() {
        return Duration.between(start, end);
    }
}
