package io.gscam.camera.stream;

import io.gscam.camera.source.FrameRate;
import io.gscam.protocol.grandstream.GrandstreamChannel;

/**
 * The picture a channel's built-in source sends, as the camera issue fixes it for a Grandstream DVS:
 * primary streams (channels 0-3) 704x480 at 30 fps, about 1024 kbit/s; secondary streams (4-7)
 * 352x240 at 15 fps, about 256 kbit/s. The shipped H.264 loops were encoded to these; the live
 * MJPEG and ffmpeg sources render at them.
 *
 * @param bitrateKbps the nominal H.264 rate (MJPEG announces what its frames really take)
 */
public record StreamProfile(int width, int height, FrameRate frameRate, int bitrateKbps) {
    public static final StreamProfile PRIMARY = new StreamProfile(704, 480, FrameRate.of(30), 1024);
    public static final StreamProfile SECONDARY = new StreamProfile(352, 240, FrameRate.of(15), 256);

    /** The profile of {@code channel} (0..7). */
    public static StreamProfile of(int channel) {
        return GrandstreamChannel.of(channel).isPrimary() ? PRIMARY : SECONDARY;
    }
}
