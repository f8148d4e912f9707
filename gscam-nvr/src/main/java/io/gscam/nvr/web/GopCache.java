package io.gscam.nvr.web;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.VideoFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One camera's current GOP for the live view ({@link LiveCameras}): the frames' bytes copied into
 * one array kept from GOP to GOP (grown when a longer GOP needs it, up to the cap), the frames
 * themselves kept without theirs; a new viewer gets copies.
 *
 * <p>Why not keep the frames as they came: a frame the cache holds lives as long as its GOP, seconds,
 * so its array outlives the young collections of those seconds and is promoted, and the old generation
 * fills with dead GOPs. At 64 cameras that was a full collection (30-45 ms with every thread stopped,
 * the event loop included) every 10-25 s; with the bytes copied here (8 MB/s at 64 cameras of 1 Mbit/s,
 * about a millisecond of copying a second) the frames die young (docs/benchmarks.md, "NVR ingest",
 * Session 12).
 *
 * <p>Not thread-safe: its camera's lock guards it.
 */
final class GopCache {
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 64 << 10;

    /** A kept frame: the event with an empty data array, and where its bytes are in {@link #bytes}. */
    private record Kept(CameraEvent frame, int at, int length) {
    }

    private final int maxBytes;
    private final List<Kept> frames = new ArrayList<>();
    private byte[] bytes = EMPTY;
    private int used;

    /** A cache of GOPs up to {@code maxBytes} of frame data. */
    GopCache(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Forgets the GOP; the array stays for the next. */
    void clear() {
        frames.clear();
        used = 0;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Bytes of frame data kept. */
    int bytes() {
        return used;
    }

    /**
     * Keeps a video frame or audio block after those kept; false, and nothing kept, when the GOP
     * would pass the cap (the caller forgets this GOP then).
     */
    boolean keep(CameraEvent frame) {
        byte[] data = dataOf(frame);
        if (data.length > maxBytes - used) {
            return false;
        }
        if (data.length > bytes.length - used) {
            grow(used + data.length);
        }
        System.arraycopy(data, 0, bytes, used, data.length);
        frames.add(new Kept(withData(frame, EMPTY), used, data.length));
        used += data.length;
        return true;
    }

    /** Hands each kept frame, in order, to {@code to} with a copy of its bytes. */
    void replay(Consumer<CameraEvent> to) {
        for (Kept k : frames) {
            to.accept(withData(k.frame(), Arrays.copyOfRange(bytes, k.at(), k.at() + k.length())));
        }
    }

    private void grow(int needed) {
        int capacity = Math.max(FIRST_CAPACITY, bytes.length);
        while (capacity < needed) {
            capacity = capacity > maxBytes / 2 ? maxBytes : capacity * 2;
        }
        bytes = Arrays.copyOf(bytes, Math.min(capacity, maxBytes));
    }

    private static byte[] dataOf(CameraEvent frame) {
        if (frame instanceof VideoFrame v) {
            return v.data();
        }
        if (frame instanceof AudioFrame a) {
            return a.data();
        }
        throw new IllegalArgumentException("not a frame: " + frame);
    }

    private static CameraEvent withData(CameraEvent frame, byte[] data) {
        if (frame instanceof VideoFrame v) {
            return new VideoFrame(v.trackIndex(), v.codec(), v.rtpTimestamp(), v.presentationTime(), v.receivedAt(),
                    v.keyframe(), data, v.codecConfig(), v.clock());
        }
        AudioFrame a = (AudioFrame) frame;
        return new AudioFrame(a.trackIndex(), a.codec(), a.rtpTimestamp(), a.presentationTime(), a.receivedAt(),
                a.sampleRate(), a.channels(), data, a.clock());
    }
}
