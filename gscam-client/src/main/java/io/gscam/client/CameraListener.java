package io.gscam.client;

/**
 * Receives what a {@link CameraSession} delivers. Every method has an empty default, so implement
 * only what you need. Calls come one at a time, in order, on the session's I/O thread: return
 * quickly and never block (hand long work, such as encoding, to your own executor). Writing a frame
 * to a file is fine. An exception thrown here is logged and does not end the session.
 */
public interface CameraListener {
    /** The session changed state; the reason is safe to show (no credentials). */
    default void onStateChange(StateChange change) {
    }

    /** What the camera serves; sent after each PLAY before the first frame, and when it changes. */
    default void onStreamInfo(StreamInfo info) {
    }

    default void onVideo(VideoFrame frame) {
    }

    default void onAudio(AudioFrame frame) {
    }

    default void onAlarm(AlarmEvent alarm) {
    }

    /** Loss on a track, at most once a second per track. */
    default void onLoss(LossEvent loss) {
    }

    /** Calls the method of {@code listener} that matches the event's type. */
    static void dispatch(CameraListener listener, CameraEvent event) {
        if (event instanceof StateChange e) {
            listener.onStateChange(e);
        } else if (event instanceof StreamInfo e) {
            listener.onStreamInfo(e);
        } else if (event instanceof VideoFrame e) {
            listener.onVideo(e);
        } else if (event instanceof AudioFrame e) {
            listener.onAudio(e);
        } else if (event instanceof AlarmEvent e) {
            listener.onAlarm(e);
        } else if (event instanceof LossEvent e) {
            listener.onLoss(e);
        }
    }

    /** A listener that hands every event to {@code first}, then to {@code second}. */
    static CameraListener both(CameraListener first, CameraListener second) {
        return of(e -> {
            dispatch(first, e);
            dispatch(second, e);
        });
    }

    /** A listener that hands every event, whatever its type, to {@code each}. */
    static CameraListener of(java.util.function.Consumer<CameraEvent> each) {
        return new CameraListener() {
            @Override public void onStateChange(StateChange e) { each.accept(e); }
            @Override public void onStreamInfo(StreamInfo e) { each.accept(e); }
            @Override public void onVideo(VideoFrame e) { each.accept(e); }
            @Override public void onAudio(AudioFrame e) { each.accept(e); }
            @Override public void onAlarm(AlarmEvent e) { each.accept(e); }
            @Override public void onLoss(LossEvent e) { each.accept(e); }
        };
    }
}
