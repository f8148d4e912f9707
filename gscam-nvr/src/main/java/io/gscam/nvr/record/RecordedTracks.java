package io.gscam.nvr.record;

import io.gscam.client.TrackInfo;
import io.gscam.client.record.ContainerTracks;
import io.gscam.media.container.Track;

import java.util.List;
import java.util.Optional;

/**
 * The container track an RTP track is recorded as, codec bytes as sent: the client's
 * {@link ContainerTracks} mapping, which asks the track's payload format (the codec decides in
 * gscam-media, not here).
 */
public final class RecordedTracks {
    private RecordedTracks() {
    }

    public static Optional<Track> of(TrackInfo info, List<byte[]> codecConfig) {
        return ContainerTracks.of(info, codecConfig);
    }

    static String describe(Track t) {
        return t.kind() == io.gscam.media.MediaKind.VIDEO ? t.codec() + " " + t.width() + "x" + t.height()
                : t.codec() + " " + t.sampleRate();
    }
}
