package io.gscam.nvr.record;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.VideoFrame;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * Frames kept in memory for seconds, oldest first (the live view's current GOP, a {@code record: events}
 * camera's pre-roll), each with a note of the keeper's: the frames' bytes are copied into chunks that
 * are used again as the oldest frames go, the frames themselves kept without theirs; a reader gets
 * copies.
 *
 * <p>Why not keep the frames as they came: a frame kept for seconds outlives the young collections of
 * those seconds, so its array is promoted and the old generation fills with dead GOPs. At 64 cameras
 * the live view's GOPs alone were a full collection (30-45 ms with every thread stopped, the event
 * loops included) every 10-25 s; with the bytes copied here (a memory copy of the camera's bit rate,
 * about a millisecond a second at 64 cameras of 1 Mbit/s) the frames die young and the chunks live on
 * (docs/benchmarks.md, "NVR ingest", Session 12).
 *
 * <p>The chunks are {@link #MIN_CHUNK} bytes or the largest frame seen, rounded up to a power of two,
 * so that every frame fits one; the chunks of the fullest moment are held (the bound and a chunk at
 * most). Not thread-safe.
 *
 * @param <M> the keeper's note on each frame (its time, whether it starts a GOP); may be null
 */
public final class KeptFrames<M> {
    static final int MIN_CHUNK = 64 << 10;
    private static final byte[] EMPTY = new byte[0];

    private record Kept<M>(M note, CameraEvent frame, byte[] chunk, int at, int length) {
    }

    private final long maxBytes;
    private final Deque<Kept<M>> frames = new ArrayDeque<>();
    /** Chunks holding kept frames, oldest first; the last is written into at {@link #writeAt}. */
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    /** Chunks no frame is in, for the next frames. */
    private final Deque<byte[]> spares = new ArrayDeque<>();
    private int chunkSize = MIN_CHUNK;
    private int writeAt;
    private long bytes;
    private long chunksMade;

    /** Frames up to {@code maxBytes} of data in all. */
    public KeptFrames(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps a video frame or audio block after the others; false, and nothing kept, when the frames'
     * bytes would pass the bound.
     */
    public boolean addLast(CameraEvent frame, M note) {
        byte[] data = dataOf(frame);
        if (data.length > maxBytes - bytes) {
            return false;
        }
        byte[] chunk = chunks.peekLast();
        if (chunk == null || data.length > chunk.length - writeAt) {
            chunk = newChunk(data.length);
            chunks.addLast(chunk);
            writeAt = 0;
        }
        System.arraycopy(data, 0, chunk, writeAt, data.length);
        frames.addLast(new Kept<>(note, withData(frame, EMPTY), chunk, writeAt, data.length));
        writeAt += data.length;
        bytes += data.length;
        return true;
    }

    /** Forgets the oldest frame. */
    public void removeFirst() {
        Kept<M> gone = frames.removeFirst();
        bytes -= gone.length();
        Kept<M> next = frames.peekFirst();
        if (next == null) {
            clear();
            return;
        }
        while (chunks.peekFirst() != next.chunk()) {
            recycle(chunks.removeFirst());
        }
    }

    /** Forgets every frame; the chunks stay for the next. */
    public void clear() {
        frames.clear();
        bytes = 0;
        writeAt = 0;
        while (!chunks.isEmpty()) {
            recycle(chunks.removeFirst());
        }
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public int size() {
        return frames.size();
    }

    /** Bytes of frame data kept. */
    public long bytes() {
        return bytes;
    }

    /** The oldest frame's note; the frames must not be empty. */
    public M firstNote() {
        return frames.getFirst().note();
    }

    /** The newest frame's note; the frames must not be empty. */
    public M lastNote() {
        return frames.getLast().note();
    }

    /** The notes, oldest first (a view, not to be held across a change). */
    public Iterable<M> notes() {
        return () -> new Iterator<>() {
            private final Iterator<Kept<M>> it = frames.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public M next() {
                return it.next().note();
            }
        };
    }

    /** Hands each frame, oldest first, to {@code to} with its note and a copy of its bytes. */
    public void forEach(BiConsumer<M, CameraEvent> to) {
        for (Kept<M> k : frames) {
            to.accept(k.note(), withData(k.frame(), Arrays.copyOfRange(k.chunk(), k.at(), k.at() + k.length())));
        }
    }

    private byte[] newChunk(int atLeast) {
        while (chunkSize < atLeast) {
            chunkSize *= 2; // a frame larger than the chunks: every chunk from now on takes one like it
        }
        for (byte[] s = spares.pollFirst(); s != null; s = spares.pollFirst()) {
            if (s.length == chunkSize) {
                return s;
            }
        }
        chunksMade++;
        return new byte[chunkSize];
    }

    /** Chunks allocated so far (the rest were used again). */
    long chunksMade() {
        return chunksMade;
    }

    private void recycle(byte[] chunk) {
        if (chunk.length == chunkSize) {
            spares.addFirst(chunk);
        }
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
