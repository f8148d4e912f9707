package io.gscam.nvr.web;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraListener;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.VideoFrame;
import io.gscam.nvr.record.KeptFrames;
import io.gscam.nvr.record.LiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live view's side of the {@link LiveFeed}: one subscription per camera (made at start,
 * kept), fanned out to the viewers, with the current GOP kept (from the latest video
 * keyframe, at most {@link #GOP_BYTES}) so that a new viewer starts at once from that keyframe
 * instead of waiting up to a GOP for the next one; the page then jumps to the newest frame.
 */
public final class LiveCameras {
    private static final Logger log = LoggerFactory.getLogger(LiveCameras.class);
    static final long GOP_BYTES = 8L << 20;

    private final LiveFeed feed;
    private final Set<String> names;
    private final Map<String, Camera> cameras = new ConcurrentHashMap<>();

    /** Subscribes to every camera now, so that the first viewer too finds a GOP to start from. */
    public LiveCameras(LiveFeed feed, Set<String> names) {
        this.feed = feed;
        this.names = Set.copyOf(names);
        for (String n : this.names) {
            Camera cam = new Camera();
            cameras.put(n, cam);
            feed.subscribe(n, cam);
        }
    }

    boolean has(String camera) {
        return names.contains(camera);
    }

    /** Adds a viewer: the stream info, the last state, the current GOP, then every event as it comes. */
    LiveFeed.Subscription watch(String camera, CameraListener viewer) {
        Camera c = cameras.get(camera);
        c.add(viewer);
        return () -> c.viewers.remove(viewer);
    }

    private static final class Camera implements CameraListener {
        final List<CameraListener> viewers = new CopyOnWriteArrayList<>();
        private StreamInfo info;
        private StateChange state;
        private final KeptFrames<Void> gop = new KeptFrames<>(GOP_BYTES);

        synchronized void add(CameraListener viewer) {
            if (state != null) {
                viewer.onStateChange(state);
            }
            if (info != null) {
                viewer.onStreamInfo(info);
                gop.forEach((note, e) -> CameraListener.dispatch(viewer, e));
            }
            viewers.add(viewer);
        }

        @Override
        public synchronized void onStateChange(StateChange change) {
            state = change;
            fanOut(change);
        }

        @Override
        public synchronized void onStreamInfo(StreamInfo i) {
            info = i;
            gop.clear();
            fanOut(i);
        }

        @Override
        public synchronized void onVideo(VideoFrame f) {
            if (f.keyframe()) {
                gop.clear();
            }
            keep(f);
            fanOut(f);
        }

        @Override
        public synchronized void onAudio(AudioFrame f) {
            keep(f);
            fanOut(f);
        }

        /** Keeps a frame of the GOP that started with the last video keyframe; none before the first. */
        private void keep(CameraEvent e) {
            if (gop.isEmpty() && !(e instanceof VideoFrame v && v.keyframe())) {
                return;
            }
            if (!gop.addLast(e, null)) {
                gop.clear(); // a GOP too long to keep: new viewers wait for the next keyframe
            }
        }

        private void fanOut(CameraEvent e) {
            for (CameraListener v : viewers) {
                try {
                    CameraListener.dispatch(v, e);
                } catch (RuntimeException ex) {
                    log.warn("live viewer failed: {}", ex.toString());
                }
            }
        }
    }
}
