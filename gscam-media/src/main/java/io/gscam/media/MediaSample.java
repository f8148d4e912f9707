package io.gscam.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit of media as a payload format carries it: a video access unit or frame, or a block of
 * audio. {@code data} is in the codec's stream form: H.264 as Annex-B (each NAL unit after a
 * 4-byte start code 00 00 00 01), JPEG as a complete JFIF image (SOI..EOI), G.711/G.726 as the
 * codec's bytes. {@code rtpTimestamp} is in the stream's clock rate, 32-bit unsigned.
 * The data array is shared, not copied: whoever builds a sample hands the array over.
 */
public record MediaSample(MediaKind kind, long rtpTimestamp, byte[] data, boolean keyframe) {
    public MediaSample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("RTP timestamp " + rtpTimestamp + " not a 32-bit unsigned value");
        }
    }

    public static MediaSample video(long rtpTimestamp, byte[] data, boolean keyframe) {
        return new MediaSample(MediaKind.VIDEO, rtpTimestamp, data, keyframe);
    }

    /** Audio blocks are all "keyframes": each one decodes on its own. */
    public static MediaSample audio(long rtpTimestamp, byte[] data) {
        return new MediaSample(MediaKind.AUDIO, rtpTimestamp, data, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaSample s && kind == s.kind && rtpTimestamp == s.rtpTimestamp
                && keyframe == s.keyframe && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, rtpTimestamp, keyframe) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MediaSample{" + kind + ", ts=" + rtpTimestamp + ", " + data.length + "B" + (keyframe ? ", key" : "") + "}";
    }
}
