package io.gscam.media.container;

import io.gscam.media.MediaSample;

/**
 * One H.264 access unit read from a file: Annex-B bytes (4-byte start codes), its presentation
 * time on a 90 kHz clock from the start of the file, and whether it holds an IDR slice.
 */
public record AccessUnit(long index, long time90k, byte[] annexB, boolean keyframe) {

    /** As a sample whose RTP timestamp is {@code rtpBase + time90k}, modulo 2^32. */
    public MediaSample toMediaSample(long rtpBase) {
        return MediaSample.video((rtpBase + time90k) & 0xFFFFFFFFL, annexB, keyframe);
    }
}
