package io.gscam.media.rtp;

import io.gscam.media.MediaKind;
import io.gscam.media.container.Track;

import java.util.Optional;

/**
 * One RTP payload format (H.264, JPEG, PCMU, G726-32, ...): how to read it, how to write it, and
 * which container track keeps its samples as they are. A new codec is one implementation of this
 * plus one line in {@link PayloadFormats}.
 */
public interface PayloadFormat {
    /** Upper-case rtpmap encoding names this format answers to, e.g. {@code H264} or {@code G726-32}. */
    java.util.Set<String> encodingNames();

    MediaKind kind();

    /** A depacketizer for one stream described by {@code format}, delivering to {@code sink}. */
    RtpPayloadReader newReader(MediaFormat format, SampleSink sink);

    /** A packetizer for one stream described by {@code format}. */
    RtpPayloadWriter newWriter(MediaFormat format);

    /**
     * The container track that records this format's samples without re-encoding, given what the
     * reader reported ({@link StreamFormat#UNKNOWN} before it reported anything); empty when no
     * container holds it as it is.
     */
    default Optional<Track> containerTrack(MediaFormat format, StreamFormat stream) {
        return Optional.empty();
    }
}
