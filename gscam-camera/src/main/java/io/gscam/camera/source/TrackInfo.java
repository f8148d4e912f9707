package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import io.gscam.media.rtp.MediaFormat;

import java.util.Map;
import java.util.Objects;

/**
 * What one track of a {@link MediaSource} carries: its RTP payload format (payload type, rtpmap
 * encoding name and clock rate, fmtp such as {@code sprop-parameter-sets} and
 * {@code profile-level-id}) and, for the camera's SDP and its Server header
 * {@code GrandStream Rtsp Server W*H*FPS*KBPS}, the picture size, frame rate and nominal bit rate.
 * Audio tracks have width, height 0 and a null frame rate.
 */
public record TrackInfo(MediaFormat format, int width, int height, FrameRate frameRate, int bitrateKbps) {
    public TrackInfo {
        Objects.requireNonNull(format, "format");
        if (format.kind() == MediaKind.VIDEO) {
            Objects.requireNonNull(frameRate, "a video track needs a frame rate");
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("video size " + width + "x" + height + " must be positive");
            }
        }
        if (bitrateKbps < 0) {
            throw new IllegalArgumentException("bit rate must not be negative, got " + bitrateKbps);
        }
    }

    public static TrackInfo video(MediaFormat format, int width, int height, FrameRate frameRate, int bitrateKbps) {
        return new TrackInfo(format, width, height, frameRate, bitrateKbps);
    }

    public static TrackInfo audio(MediaFormat format, int bitrateKbps) {
        return new TrackInfo(format, 0, 0, null, bitrateKbps);
    }

    public MediaKind kind() {
        return format.kind();
    }

    public int payloadType() {
        return format.payloadType();
    }

    public String encodingName() {
        return format.encodingName();
    }

    public int clockRate() {
        return format.clockRate();
    }

    public Map<String, String> fmtp() {
        return format.fmtp();
    }
}
