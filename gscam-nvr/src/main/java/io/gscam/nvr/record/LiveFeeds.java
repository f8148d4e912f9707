package io.gscam.nvr.record;

import io.gscam.client.CameraEvent;
import io.gscam.client.CameraListener;
import io.gscam.client.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link LiveFeed} of every camera: recorders publish, subscribers read. */
public final class LiveFeeds implements LiveFeed {
    private static final Logger log = LoggerFactory.getLogger(LiveFeeds.class);

    private final Map<String, CopyOnWriteArrayList<CameraListener>> listeners = new ConcurrentHashMap<>();
    private final Map<String, StreamInfo> infos = new ConcurrentHashMap<>();

    /** Declares a camera subscribers may ask for. */
    public void add(String camera) {
        listeners.putIfAbsent(camera, new CopyOnWriteArrayList<>());
    }

    @Override
    public Subscription subscribe(String camera, CameraListener listener) {
        CopyOnWriteArrayList<CameraListener> l = listeners.get(camera);
        if (l == null) {
            throw new IllegalArgumentException("no camera " + camera);
        }
        StreamInfo info = infos.get(camera);
        if (info != null) {
            listener.onStreamInfo(info);
        }
        l.add(listener);
        return () -> l.remove(listener);
    }

    @Override
    public Optional<StreamInfo> streamInfo(String camera) {
        return Optional.ofNullable(infos.get(camera));
    }

    /** Hands {@code event} to every subscriber of {@code camera}; a subscriber that throws is logged and kept. */
    void publish(String camera, CameraEvent event) {
        if (event instanceof StreamInfo info) {
            infos.put(camera, info);
        }
        CopyOnWriteArrayList<CameraListener> l = listeners.get(camera);
        if (l == null) {
            return;
        }
        for (CameraListener s : l) {
            try {
                CameraListener.dispatch(s, event);
            } catch (RuntimeException e) {
                log.warn("live feed subscriber of {} failed: {}", camera, e.toString());
            }
        }
    }
}
