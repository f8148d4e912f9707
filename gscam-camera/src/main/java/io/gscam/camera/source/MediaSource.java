package io.gscam.camera.source;

import java.util.List;

/**
 * A stream of timed samples for one channel's tracks (a video track, often an audio track):
 * a built-in loop, a live renderer, a file. Pull-based and never blocking: {@link #next()} either
 * hands over the next sample at once or says none is ready yet. A {@link Pacer} releases the samples
 * at wall-clock rate.
 *
 * <p>Contract: per track, presentation times and RTP timestamps never go backwards (a looping source
 * continues them across loops), and the first video sample, and the first of every loop, is a
 * keyframe that carries its parameter sets (for H.264: SPS, PPS, then the IDR). Across tracks,
 * samples come in presentation-time order as far as the source knows them. Not thread safe: one
 * consumer calls {@code next()}.
 */
public interface MediaSource extends AutoCloseable {
    /** The tracks, in the order their SDP media sections should list them; fixed for the source's life. */
    List<TrackInfo> tracks();

    /**
     * The next sample, or null when none is ready yet (a live source waiting for its encoder, or a
     * source that has failed or been closed). Recorded and looping sources never return null.
     */
    TimedSample next();

    /** Releases what the source holds (processes, threads); later {@code next()} calls return null. */
    @Override
    default void close() {
    }
}
