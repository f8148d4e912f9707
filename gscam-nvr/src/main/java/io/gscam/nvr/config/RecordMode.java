package io.gscam.nvr.config;

/** What a camera's recorder keeps. */
public enum RecordMode {
    /** Every frame, in segments back to back; alarms are marked in the index. */
    CONTINUOUS,
    /** Only around alarms: a pre-roll kept in memory, then until the post-roll ends. */
    EVENTS,
    /** Nothing is written; the camera is still watched (live feed, alarms). */
    OFF
}
