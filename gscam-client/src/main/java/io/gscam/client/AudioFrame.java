package io.gscam.client;

import io.gscam.protocol.Checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One block of audio as the payload format carries it (G.711 bytes, G.726 code words, ...).
 *
 * @param trackIndex       index into {@link StreamInfo#tracks()}
 * @param codec            the track's encoding name ({@code PCMU}, {@code PCMA}, {@code G726-32})
 * @param rtpTimestamp     the RTP timestamp, 32-bit unsigned
 * @param presentationTime time since the first frame of this track in this RTSP session
 * @param receivedAt       arrival time by the client's clock
 * @param sampleRate       samples per second
 * @param channels         channel count
 * @param data             the codec's bytes; shared, not copied
 * @param clock            the track's clock from the camera's latest RTCP sender report, as {@link VideoFrame#clock()}
 */
public record AudioFrame(int trackIndex, String codec, long rtpTimestamp, Duration presentationTime, Instant receivedAt,
                         int sampleRate, int channels, byte[] data, Optional<TrackClock> clock) implements CameraEvent {
    public AudioFrame {
        Checks.nonNull("codec", codec, "presentationTime", presentationTime, "receivedAt", receivedAt, "data", data,
                "clock", clock);
    }

    /** A block without a sender report's clock. */
    public AudioFrame(int trackIndex, String codec, long rtpTimestamp, Duration presentationTime, Instant receivedAt,
                      int sampleRate, int channels, byte[] data) {
        this(trackIndex, codec, rtpTimestamp, presentationTime, receivedAt, sampleRate, channels, data, Optional.empty());
    }

    /** When the camera sampled this block's first sample, by its wall clock; empty without {@link #clock()}. */
    public Optional<Instant> captureTime() {
        return clock.map(c -> c.ntpTimeOf(rtpTimestamp));
    }

    @Override
    public String toString() {
        return "AudioFrame{track " + trackIndex + ' ' + codec + ", ts=" + rtpTimestamp + ", " + data.length + " B}";
    }
}
