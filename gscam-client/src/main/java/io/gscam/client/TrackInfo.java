package io.gscam.client;

import io.gscam.media.MediaKind;
import io.gscam.protocol.Checks;

import java.util.Map;

/**
 * One media section of the camera's SDP, as negotiated. Numbers that are not known are 0.
 *
 * @param index       position in {@link StreamInfo#tracks()}, and the {@code trackIndex} of frames
 * @param kind        video or audio
 * @param codec       the rtpmap encoding name as sent ({@code H264}, {@code JPEG}, {@code PCMU}, {@code G726-32})
 * @param payloadType RTP payload type
 * @param clockRate   RTP clock rate in Hz
 * @param width       video width in pixels: from the SPS (sprop-parameter-sets or the first in-band
 *                    SPS), else the Grandstream Server header {@code W*H*FPS*KBPS}; 0 for audio
 * @param height      video height, as width
 * @param fps         video frame rate: SPS timing, else SDP {@code a=framerate}, else the Server header
 * @param kbps        bit rate in kbit/s: SDP {@code b=AS}, else the Server header; 0 when unknown
 * @param sampleRate  audio sample rate (the clock rate, except G.722); 0 for video
 * @param channels    audio channels; 0 for video
 * @param controlUrl  the URL SETUP was (or would be) sent to
 * @param setUp       whether this track was set up: false for a track not wanted, or whose codec
 *                    no payload format in the client's registry reads (it is described, not received)
 * @param fmtp        the {@code a=fmtp} parameters, names lower-case
 */
public record TrackInfo(int index, MediaKind kind, String codec, int payloadType, int clockRate,
                        int width, int height, double fps, int kbps, int sampleRate, int channels,
                        String controlUrl, boolean setUp, Map<String, String> fmtp) {
    public TrackInfo {
        Checks.nonNull("kind", kind, "codec", codec, "controlUrl", controlUrl);
        fmtp = Map.copyOf(fmtp);
    }

    public boolean isVideo() {
        return kind == MediaKind.VIDEO;
    }

    public boolean isAudio() {
        return kind == MediaKind.AUDIO;
    }

    /** This track with a (new) picture size and rate, as read from an SPS. */
    public TrackInfo withVideoSize(int width, int height, double fps) {
        return new TrackInfo(index, kind, codec, payloadType, clockRate, width, height, fps > 0 ? fps : this.fps,
                kbps, sampleRate, channels, controlUrl, setUp, fmtp);
    }
}
