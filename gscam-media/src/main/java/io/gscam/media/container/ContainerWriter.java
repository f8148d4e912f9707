package io.gscam.media.container;

import io.gscam.media.MediaSample;

import java.io.IOException;

/**
 * A recording in progress: declare the tracks, then hand over samples as they arrive; each is
 * written within about a second, so a process killed mid-recording leaves a playable file.
 *
 * <p>Timestamps are each track's RTP timestamps (32-bit, wraparound handled). The first sample of
 * the file is at time 0; a track whose first sample comes later starts where the file is then.
 * When the file has a video track, nothing is written before the first video keyframe, so the
 * file starts decodable. Not thread-safe: call from one thread, or synchronise.
 */
public interface ContainerWriter extends AutoCloseable {

    /** Whether this container can carry {@code track} (e.g. MP4 cannot carry G.726). */
    boolean supports(Track track);

    /**
     * Declares a track; all tracks must be added before the first sample.
     *
     * @return the track id to pass to {@link #writeSample}
     * @throws IllegalArgumentException when the container cannot carry it ({@link #supports} is false)
     * @throws IllegalStateException    after the first sample
     */
    int addTrack(Track track);

    /**
     * Writes one sample of a track. H.264 samples are Annex-B access units; JPEG complete images;
     * audio the codec's bytes. Samples before the first video keyframe are dropped (and counted).
     */
    void writeSample(int trackId, MediaSample sample) throws IOException;

    /**
     * The RTP clocks restarted (the camera reconnected): the next sample of every track continues
     * the file timeline from where it is now instead of jumping by the timestamp difference.
     */
    void discontinuity();

    /** Samples written so far, over all tracks. */
    long samplesWritten();

    /** Samples dropped because they came before the first video keyframe or were empty. */
    long samplesDropped();

    /** Bytes handed to the output so far. */
    long bytesWritten();

    /**
     * Finishes the file: writes what is pending, and on a seekable output the index and sizes a
     * player uses for seeking. Closes the output when the writer opened or owns it.
     */
    @Override
    void close() throws IOException;
}
