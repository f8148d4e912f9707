package io.gscam.media.rtp;

import java.util.List;

/**
 * What a payload reader has learnt about its stream beyond the SDP: the picture size (H.264 from
 * its SPS, JPEG from the RFC 2435 header) and the codec configuration a container needs before the
 * first sample (H.264: the latest SPS, then PPS, as NAL units without start codes). Audio formats
 * learn nothing and never report one.
 *
 * @param width       picture width in pixels, 0 when unknown
 * @param height      picture height in pixels, 0 when unknown
 * @param frameRate   frames per second the stream declares (H.264 VUI timing), 0 when unknown
 * @param codecConfig codec configuration units, possibly empty
 */
public record StreamFormat(int width, int height, double frameRate, List<byte[]> codecConfig) {
    /** Nothing known: no picture size, no codec configuration. */
    public static final StreamFormat UNKNOWN = new StreamFormat(0, 0, 0, List.of());

    public StreamFormat {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative picture size " + width + "x" + height);
        }
        codecConfig = List.copyOf(codecConfig);
    }

    public boolean hasPictureSize() {
        return width > 0 && height > 0;
    }
}
