package io.gscam.camera.source;

import java.util.List;

/**
 * A source of one track that never runs out on its own (a looped clip, a rendered or encoded live
 * signal): it gives samples until it is closed, then nothing.
 */
public abstract class EndlessSource implements MediaSource {
    private final List<TrackInfo> tracks;
    // volatile: a stream may be closed from another thread than the one its pacer pulls on
    private volatile boolean closed;

    protected EndlessSource(TrackInfo track) {
        this.tracks = List.of(track);
    }

    @Override
    public final List<TrackInfo> tracks() {
        return tracks;
    }

    /** The next sample; null once closed. */
    @Override
    public final TimedSample next() {
        return closed ? null : nextSample();
    }

    /** The next sample of an open source. */
    protected abstract TimedSample nextSample();

    @Override
    public final void close() {
        closed = true;
    }
}
