package io.gscam.media.rtp;

import io.gscam.media.MediaSample;

import java.util.ArrayList;
import java.util.List;

/** A {@link SampleSink} for tests: the formats and samples a reader reported, in the order it reported them. */
public final class SampleSinkLog implements SampleSink {
    private final List<Object> events = new ArrayList<>();

    @Override
    public void onSample(MediaSample sample) {
        events.add(sample);
    }

    @Override
    public void onFormat(StreamFormat format) {
        events.add(format);
    }

    /** The live list of {@link StreamFormat}s and {@link MediaSample}s seen so far. */
    public List<Object> events() {
        return events;
    }
}
