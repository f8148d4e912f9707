package io.gscam.media.rtp;

import io.gscam.media.MediaSample;

/** Where a {@link RtpPayloadReader} delivers rebuilt samples. */
@FunctionalInterface
public interface SampleSink {
    void onSample(MediaSample sample);
}
