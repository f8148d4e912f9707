package io.gscam.media.rtp;

import io.gscam.media.MediaSample;

/** Where a {@link RtpPayloadReader} delivers rebuilt samples. */
@FunctionalInterface
public interface SampleSink {
    void onSample(MediaSample sample);

    /**
     * The stream's picture size or codec configuration changed. Called before the first sample it
     * applies to, and possibly while the reader is being made (H.264 {@code sprop-parameter-sets}),
     * so that a stream's size is known before any packet. Audio readers never call it.
     */
    default void onFormat(StreamFormat format) {
    }
}
