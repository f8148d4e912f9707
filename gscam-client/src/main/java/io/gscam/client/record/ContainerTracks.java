package io.gscam.client.record;

import io.gscam.client.TrackInfo;
import io.gscam.media.container.Track;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.StreamFormat;

import java.util.List;
import java.util.Optional;

/**
 * Maps a negotiated RTP track to the container track that keeps it as it is, by asking the track's
 * payload format ({@link io.gscam.media.rtp.PayloadFormat#containerTrack}): the codec decides in
 * gscam-media, not here. Codecs no payload format reads, or that a container cannot hold without
 * re-encoding, are not recorded. The standard registry is enough: a packing override changes the
 * wire, not the samples a reader delivers.
 */
public final class ContainerTracks {
    private static final PayloadFormats REGISTRY = PayloadFormats.standard();

    private ContainerTracks() {
    }

    /**
     * The container track for {@code info}, or empty when it cannot be recorded as it is.
     *
     * @param codecConfig the codec configuration the track's reader reported so far (H.264: SPS and
     *                    PPS without start codes); may be empty, the writer then takes it from the stream
     */
    public static Optional<Track> of(TrackInfo info, List<byte[]> codecConfig) {
        int rate = info.isVideo() || info.sampleRate() <= 0 ? info.clockRate() : info.sampleRate();
        if (rate <= 0) {
            return Optional.empty();
        }
        MediaFormat format = new MediaFormat(info.kind(), info.payloadType(), info.codec(), rate,
                Math.max(1, info.channels()), info.fmtp());
        StreamFormat stream = new StreamFormat(info.width(), info.height(), info.fps(), codecConfig);
        return REGISTRY.find(format).flatMap(f -> f.containerTrack(format, stream));
    }
}
