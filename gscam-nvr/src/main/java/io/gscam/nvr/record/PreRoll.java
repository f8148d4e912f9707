package io.gscam.nvr.record;

import io.gscam.client.CameraEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The frames an {@code record: events} camera keeps in memory, in whole GOPs and without decoding:
 * everything from the last keyframe at or before (newest - preRoll), so that an alarm now can be
 * written from the GOP that starts at or before alarm - preRoll. Bounded by bytes too: past the
 * bound the oldest GOP goes.
 */
final class PreRoll {
    record Entry(CameraEvent frame, Instant wall, boolean keyframe, int bytes) {
    }

    private final Duration length;
    private final long maxBytes;
    private final Deque<Entry> frames = new ArrayDeque<>();
    private long bytes;

    PreRoll(Duration length, long maxBytes) {
        this.length = length;
        this.maxBytes = maxBytes;
    }

    void add(CameraEvent frame, Instant wall, boolean keyframe, int size) {
        frames.addLast(new Entry(frame, wall, keyframe, size));
        bytes += size;
        Instant keepFrom = wall.minus(length);
        // Drop the oldest GOP while the next GOP still starts at or before keepFrom (or memory is over).
        while (true) {
            Entry second = secondKeyframe();
            if (second == null || !(second.wall().compareTo(keepFrom) <= 0 || bytes > maxBytes)) {
                break;
            }
            while (frames.peekFirst() != second) {
                bytes -= frames.removeFirst().bytes();
            }
        }
    }

    private Entry secondKeyframe() {
        boolean first = true;
        for (Entry e : frames) {
            if (e.keyframe()) {
                if (!first) {
                    return e;
                }
                first = false;
            } else if (first) {
                // frames before any keyframe: the next keyframe starts the first whole GOP
                return frames.stream().filter(Entry::keyframe).findFirst().orElse(null);
            }
        }
        return null;
    }

    /** The buffered frames, oldest first; the buffer is emptied. */
    List<Entry> drain() {
        List<Entry> out = new ArrayList<>(frames);
        frames.clear();
        bytes = 0;
        return out;
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }

    Duration span() {
        return frames.isEmpty() ? Duration.ZERO : Duration.between(frames.peekFirst().wall(), frames.peekLast().wall());
    }
}
