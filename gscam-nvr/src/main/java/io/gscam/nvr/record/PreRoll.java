package io.gscam.nvr.record;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.VideoFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** What the pre-roll notes of each frame beside its bytes. */
    private record Note(Instant wall, boolean keyframe) {
    }

    private final Duration length;
    private final long maxBytes;
    /** The frames, their bytes in chunks used again (KeptFrames: seconds of frames are not promoted). */
    private final KeptFrames<Note> frames = new KeptFrames<>(Long.MAX_VALUE);

    PreRoll(Duration length, long maxBytes) {
        this.length = length;
        this.maxBytes = maxBytes;
    }

    void add(CameraEvent frame, Instant wall, boolean keyframe) {
        frames.addLast(frame, new Note(wall, keyframe));
        Instant keepFrom = wall.minus(length);
        // Drop the oldest GOP while the next GOP still starts at or before keepFrom (or memory is over).
        while (true) {
            Second second = secondKeyframe();
            if (second == null) {
                if (frames.bytes() > maxBytes) {
                    frames.clear(); // one GOP past the bound (or no keyframe at all): start again at the next
                }
                break;
            }
            if (!(second.wall().compareTo(keepFrom) <= 0 || frames.bytes() > maxBytes)) {
                break;
            }
            for (int i = 0; i < second.before(); i++) {
                frames.removeFirst();
            }
        }
    }

    /** The keyframe that starts the second GOP: how many frames come before it, and its time. */
    private record Second(int before, Instant wall) {
    }

    /**
     * The keyframe after the first frame: the second GOP's when the frames start with a keyframe, else
     * the first whole GOP's (the frames before it belong to no GOP kept); null when there is none.
     */
    private Second secondKeyframe() {
        int index = 0;
        for (Note n : frames.notes()) {
            if (n.keyframe() && index > 0) {
                return new Second(index, n.wall());
            }
            index++;
        }
        return null;
    }

    /** The buffered frames, oldest first; the buffer is emptied. */
    List<Entry> drain() {
        List<Entry> out = new ArrayList<>(frames.size());
        frames.forEach((note, frame) -> out.add(new Entry(frame, note.wall(), note.keyframe(), sizeOf(frame))));
        frames.clear();
        return out;
    }

    void clear() {
        frames.clear();
    }

    Duration span() {
        return frames.isEmpty() ? Duration.ZERO : Duration.between(frames.firstNote().wall(), frames.lastNote().wall());
    }

    private static int sizeOf(CameraEvent frame) {
        return frame instanceof VideoFrame v ? v.data().length : ((AudioFrame) frame).data().length;
    }
}
