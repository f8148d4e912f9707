package io.gscam.nvr.record;

import io.gscam.client.CameraListener;
import io.gscam.client.StreamInfo;

import java.util.Optional;

/**
 * Each camera's frames as they arrive, for whatever re-serves them live (the RTSP relay through
 * gscam-server, the dashboard's live view): the seam those parts plug into. A subscriber gets
 * stream info, state changes, video and audio frames and alarms of one camera, in order, on the
 * camera's I/O thread, from the NVR's single upstream session: so it must return at once and
 * queue (bounded) what it cannot send now. Frames are shared, never copied: do not modify them.
 */
public interface LiveFeed {
    /**
     * Subscribes to {@code camera}; the current stream info, when there is one, is delivered first.
     *
     * @throws IllegalArgumentException for a camera that is not configured
     */
    Subscription subscribe(String camera, CameraListener listener);

    /** What the camera serves now, once it has played. */
    Optional<StreamInfo> streamInfo(String camera);

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
