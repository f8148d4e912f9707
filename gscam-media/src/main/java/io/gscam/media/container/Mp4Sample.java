package io.gscam.media.container;

/**
 * One sample read from an MP4/MOV track. Times are in the track's timescale
 * ({@link Mp4Track#timescale()}), before any edit list. H.264 data is Annex-B (4-byte start
 * codes), with the avcC parameter sets in front of every keyframe; other codecs as stored.
 */
public record Mp4Sample(int index, long decodeTime, long presentationTime, long duration, boolean keyframe, byte[] data) {
}
