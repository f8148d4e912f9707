package io.gscam.nvr.index;

import java.time.Instant;

/**
 * Time a camera was not recorded although it should have been, and why.
 *
 * @param cause one of {@link #CAMERA_OFFLINE}, {@link #NVR_STOPPED}, {@link #DISK_FULL}, {@link #DROPPED}
 */
public record Gap(String camera, Instant start, Instant end, String cause) {
    /** The camera was unreachable (connection lost until it played again). */
    public static final String CAMERA_OFFLINE = "camera-offline";
    /** The NVR was not running (crash or stop until the next start). */
    public static final String NVR_STOPPED = "nvr-stopped";
    /** Recording paused because the disk was full or below {@code storage.minFreeBytes}. */
    public static final String DISK_FULL = "disk-full";
    /** Access units dropped because the disk writer fell behind (its bounded queue was full). */
    public static final String DROPPED = "dropped";
}
