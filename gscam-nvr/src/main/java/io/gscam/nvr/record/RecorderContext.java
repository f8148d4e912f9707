package io.gscam.nvr.record;

import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.DiskSpace;
import io.gscam.nvr.storage.Retention;
import io.gscam.nvr.storage.SegmentFiles;
import io.gscam.nvr.storage.SegmentRecovery;

import java.time.Clock;
import java.time.Duration;

/**
 * What every camera's recorder shares: where files go, the index, retention, the disk, the bus
 * and the live feeds, the clock, how long a segment runs before the next keyframe starts another, and
 * which segments are written past the page cache.
 */
public record RecorderContext(SegmentFiles files, RecordingIndex index, SegmentRecovery recovery, Retention retention,
                              DiskSpace disk, long minFreeBytes, EventBus bus, LiveFeeds live, Clock clock,
                              Duration segmentDuration, DirectWrites direct) {
}
