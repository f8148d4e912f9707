package io.gscam.nvr.index;

import java.time.Instant;

/**
 * An alarm burst: from the first alarm to {@code postRoll} after the last.
 *
 * @param id      the row id, unique across cameras
 * @param channel the video channel the camera named in its alarm
 * @param source  {@code MOTION}, {@code INPUT1}... as the camera sent it
 */
public record RecordedEvent(long id, String camera, int channel, String source, Instant start, Instant end) {
}
