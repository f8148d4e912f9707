package io.gscam.client;

import io.gscam.protocol.Checks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One video access unit (H.264) or frame (JPEG), whole: frames broken by packet loss are dropped
 * and counted, never delivered.
 *
 * @param trackIndex       index into {@link StreamInfo#tracks()}
 * @param codec            the track's encoding name ({@code H264}, {@code JPEG})
 * @param rtpTimestamp     the RTP timestamp, 32-bit unsigned, in the track's clock rate
 * @param presentationTime time since the first frame of this track in this RTSP session, from RTP
 *                         timestamps (wrap-around handled); it restarts at zero after a reconnect
 * @param receivedAt       when the last packet of the frame arrived, by the client's clock
 * @param keyframe         an IDR access unit (H.264), every JPEG frame
 * @param data             the frame: H.264 in Annex-B (each NAL unit after 00 00 00 01), JPEG as JFIF.
 *                         Shared, not copied: do not modify it
 * @param codecConfig      the codec configuration known when the frame was delivered: for H.264 the
 *                         latest SPS and PPS NAL units (without start codes), from the SDP's
 *                         sprop-parameter-sets or in-band; empty when none is known or the codec has none
 * @param clock            the track's clock from the camera's latest RTCP sender report when the frame
 *                         was delivered; empty until the first (cameras send one within seconds of PLAY)
 */
public record VideoFrame(int trackIndex, String codec, long rtpTimestamp, Duration presentationTime, Instant receivedAt,
                         boolean keyframe, byte[] data, List<byte[]> codecConfig, Optional<TrackClock> clock)
        implements CameraEvent {
    public VideoFrame {
        Checks.nonNull("codec", codec, "presentationTime", presentationTime, "receivedAt", receivedAt, "data", data,
                "clock", clock);
        codecConfig = List.copyOf(codecConfig);
    }

    /** A frame without a sender report's clock. */
    public VideoFrame(int trackIndex, String codec, long rtpTimestamp, Duration presentationTime, Instant receivedAt,
                      boolean keyframe, byte[] data, List<byte[]> codecConfig) {
        this(trackIndex, codec, rtpTimestamp, presentationTime, receivedAt, keyframe, data, codecConfig, Optional.empty());
    }

    /** When the camera captured this frame, by its wall clock ({@link TrackClock#ntpTimeOf}); empty without {@link #clock()}. */
    public Optional<Instant> captureTime() {
        return clock.map(c -> c.ntpTimeOf(rtpTimestamp));
    }

    @Override
    public String toString() {
        return "VideoFrame{track " + trackIndex + ' ' + codec + ", ts=" + rtpTimestamp + ", pts=" + presentationTime.toMillis()
                + " ms, " + data.length + " B" + (keyframe ? ", key" : "") + '}';
    }
}
