package io.gscam.nvr.record;

import io.gscam.client.TrackInfo;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.container.Track;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The container track an RTP track is recorded as, codec bytes as sent. The same mapping as the
 * client's (package-private) {@code record.ContainerTracks}; when the client's reshaping moves that
 * mapping into gscam-media's payload formats, this class becomes a call to it.
 */
public final class RecordedTracks {
    private RecordedTracks() {
    }

    public static Optional<Track> of(TrackInfo info, List<byte[]> codecConfig) {
        String codec = info.codec().toUpperCase(Locale.ROOT);
        if (info.isVideo()) {
            return switch (codec) {
                case "H264" -> Optional.of(Track.h264(info.width(), info.height(), first(codecConfig, 7), first(codecConfig, 8)));
                case "JPEG", "MJPEG" -> Optional.of(Track.mjpeg(info.width(), info.height()));
                default -> Optional.empty();
            };
        }
        int rate = info.sampleRate() > 0 ? info.sampleRate() : info.clockRate();
        if (rate <= 0) {
            return Optional.empty();
        }
        boolean aal2 = codec.startsWith("AAL2-G726-");
        String g726 = aal2 ? codec.substring("AAL2-".length()) : codec;
        return switch (g726) {
            case "PCMU" -> Optional.of(Track.pcmu(rate));
            case "PCMA" -> Optional.of(Track.pcma(rate));
            case "G726", "G726-32" -> Optional.of(Track.g726(4, aal2 ? G726Packing.AAL2_BE : G726Packing.RFC3551_LE));
            case "G726-16" -> Optional.of(Track.g726(2, aal2 ? G726Packing.AAL2_BE : G726Packing.RFC3551_LE));
            case "G726-24" -> Optional.of(Track.g726(3, aal2 ? G726Packing.AAL2_BE : G726Packing.RFC3551_LE));
            case "G726-40" -> Optional.of(Track.g726(5, aal2 ? G726Packing.AAL2_BE : G726Packing.RFC3551_LE));
            default -> Optional.empty();
        };
    }

    private static byte[] first(List<byte[]> nalUnits, int type) {
        for (byte[] nal : nalUnits) {
            if (nal.length > 0 && (nal[0] & 0x1F) == type) {
                return nal;
            }
        }
        return null;
    }

    static String describe(Track t) {
        return t.kind() == io.gscam.media.MediaKind.VIDEO ? t.codec() + " " + t.width() + "x" + t.height()
                : t.codec() + " " + t.sampleRate();
    }
}
