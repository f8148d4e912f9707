package io.gscam.media.container;

/**
 * When a writer forces written data to the storage device. Every cluster/fragment is handed to the
 * operating system as soon as it is complete, which already survives a kill -9 of the process; a
 * sync additionally survives a power cut, at the cost of a disk flush.
 */
public enum SyncPolicy {
    /** Never fsync; the OS writes back when it likes (survives the process dying, not the machine). */
    NEVER,
    /** fsync after every cluster or fragment (at most about one second lost on power loss). */
    EVERY_FRAGMENT,
    /** fsync once, at close. */
    ON_CLOSE
}
