package io.gscam.client.record;

import io.gscam.client.TrackInfo;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.container.Track;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a negotiated RTP track to the container track that keeps it as it is: the rtpmap encoding
 * name decides. Codecs a container cannot hold without re-encoding (L16 is big-endian on the wire,
 * containers want little-endian PCM; anything unknown) are not recorded.
 */
final class ContainerTracks {
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private ContainerTracks() {
    }

    /**
     * The container track for {@code info}, or empty when it cannot be recorded as it is.
     *
     * @param codecConfig for H.264, the SPS and PPS NAL units known so far (without start codes);
     *                    may be empty, the writer then takes them from the stream
     */
    static Optional<Track> of(TrackInfo info, List<byte[]> codecConfig) {
        String codec = info.codec().toUpperCase(Locale.ROOT);
        if (info.isVideo()) {
            return switch (codec) {
                case "H264" -> Optional.of(Track.h264(info.width(), info.height(),
                        first(codecConfig, NAL_SPS), first(codecConfig, NAL_PPS)));
                case "JPEG", "MJPEG" -> Optional.of(Track.mjpeg(info.width(), info.height()));
                default -> Optional.empty();
            };
        }
        int rate = info.sampleRate() > 0 ? info.sampleRate() : info.clockRate();
        if (rate <= 0) {
            return Optional.empty();
        }
        return switch (codec) {
            case "PCMU" -> Optional.of(Track.pcmu(rate));
            case "PCMA" -> Optional.of(Track.pcma(rate));
            // A bare "G726" is 32 kbit/s (issue 5); RFC 3551 names pack the first code word low.
            case "G726" -> Optional.of(Track.g726(4, G726Packing.RFC3551_LE));
            default -> g726(codec);
        };
    }

    private static Optional<Track> g726(String codec) {
        boolean aal2 = codec.startsWith("AAL2-G726-");
        String rate = aal2 ? codec.substring("AAL2-G726-".length())
                : codec.startsWith("G726-") ? codec.substring("G726-".length()) : null;
        if (rate == null) {
            return Optional.empty();
        }
        int bits = switch (rate) {
            case "16" -> 2;
            case "24" -> 3;
            case "32" -> 4;
            case "40" -> 5;
            default -> 0;
        };
        return bits == 0 ? Optional.empty()
                : Optional.of(Track.g726(bits, aal2 ? G726Packing.AAL2_BE : G726Packing.RFC3551_LE));
    }

    private static byte[] first(List<byte[]> nalUnits, int type) {
        for (byte[] nal : nalUnits) {
            if (nal.length > 0 && (nal[0] & 0x1F) == type) {
                return nal;
            }
        }
        return null;
    }
}
