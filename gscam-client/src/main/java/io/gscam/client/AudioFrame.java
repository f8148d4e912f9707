package io.gscam.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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
 */
public record AudioFrame(int trackIndex, String codec, long rtpTimestamp, Duration presentationTime, Instant receivedAt,
                         int sampleRate, int channels, byte[] data) implements CameraEvent {
    public AudioFrame {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(presentationTime, "presentationTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
        return "AudioFrame{track " + trackIndex + ' ' + codec + ", ts=" + rtpTimestamp + ", " + data.length + " B}";
    }
}
