package io.gscam.nvr.relay;

import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraListener;
import io.gscam.client.StreamInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.rtp.PayloadFormats;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One camera's side of the relay: subscribed to the camera's {@link io.gscam.nvr.record.LiveFeed}
 * for the relay's life, it keeps the {@link RelayStream} of the NVR's upstream session current and
 * forwards the camera's alarms to the relay's MCTP subscribers.
 *
 * <p>States: no stream until the upstream session has played once (DESCRIBE answers 503); then a
 * stream, kept across reconnects that bring the same tracks (timestamps re-anchored, viewers play
 * on), replaced when the tracks change (the old stream's viewers are stopped: their SDP no longer
 * holds). Runs on the camera's I/O thread; {@link #current()} from any thread.
 */
final class CameraRelay implements CameraListener {
    private static final Logger log = LoggerFactory.getLogger(CameraRelay.class);

    private final String camera;
    private final PayloadFormats formats;
    private final RandomGenerator random;
    private final ByteBufAllocator alloc;
    private final LongSupplier nanoClock;
    private final RelayAlarms alarms;
    private volatile RelayStream current;
    private volatile boolean closed;

    CameraRelay(String camera, PayloadFormats formats, RandomGenerator random, ByteBufAllocator alloc,
                LongSupplier nanoClock, RelayAlarms alarms) {
        this.camera = camera;
        this.formats = formats;
        this.random = random;
        this.alloc = alloc;
        this.nanoClock = nanoClock;
        this.alarms = alarms;
    }

    String camera() {
        return camera;
    }

    /** The stream viewers attach to, or null while the camera has not played. */
    RelayStream current() {
        return current;
    }

    @Override
    public synchronized void onStreamInfo(StreamInfo info) {
        if (closed) {
            return;
        }
        RelayStream old = current;
        if (old != null && old.sameLayout(info)) {
            old.reanchor();
            return;
        }
        RelayStream next = RelayStream.of(camera, info, formats, random, alloc, nanoClock).orElse(null);
        current = next;
        if (old != null) {
            old.close();
        }
        if (next == null) {
            log.warn("relay of {}: no track the relay can send ({})", camera,
                    info.tracks().stream().map(t -> t.codec()).toList());
        } else {
            log.info("relay of {}: serving {}", camera, next);
        }
    }

    @Override
    public void onVideo(VideoFrame frame) {
        RelayStream s = current;
        if (s != null) {
            s.onVideo(frame);
        }
    }

    @Override
    public void onAudio(AudioFrame frame) {
        RelayStream s = current;
        if (s != null) {
            s.onAudio(frame);
        }
    }

    @Override
    public void onAlarm(AlarmEvent alarm) {
        alarms.forward(camera, alarm);
    }

    /** Stops every viewer of this camera. */
    synchronized void close() {
        closed = true;
        RelayStream s = current;
        current = null;
        if (s != null) {
            s.close();
        }
    }
}
