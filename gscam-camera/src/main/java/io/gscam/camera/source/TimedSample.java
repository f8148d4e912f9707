package io.gscam.camera.source;

import io.gscam.media.MediaSample;

import java.time.Duration;
import java.util.Objects;

/**
 * A sample of one track of a {@link MediaSource} with its presentation time, counted from the
 * start of the stream (not of the current loop). {@code track} indexes {@link MediaSource#tracks()}.
 * The sample's RTP timestamp is the same instant in the track's clock, starting at 0; the RTP
 * layer adds its random initial offset.
 */
public record TimedSample(int track, Duration presentationTime, MediaSample sample) {
    public TimedSample {
        Objects.requireNonNull(presentationTime, "presentationTime");
        Objects.requireNonNull(sample, "sample");
        if (track < 0) {
            throw new IllegalArgumentException("track " + track);
        }
        if (presentationTime.isNegative()) {
            throw new IllegalArgumentException("negative presentation time " + presentationTime);
        }
    }

    /** The same sample as track {@code newTrack} (for merging sources). */
    TimedSample withTrack(int newTrack) {
        return newTrack == track ? this : new TimedSample(newTrack, presentationTime, sample);
    }
}
