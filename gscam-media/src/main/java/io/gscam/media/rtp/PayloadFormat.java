package io.gscam.media.rtp;

import io.gscam.media.MediaKind;

/**
 * One RTP payload format (H.264, JPEG, PCMU, G726-32, ...): how to read it and how to write it.
 * A new codec is one implementation of this plus one line in {@link PayloadFormats}.
 */
public interface PayloadFormat {
    /** Upper-case rtpmap encoding names this format answers to, e.g. {@code H264} or {@code G726-32}. */
    java.util.Set<String> encodingNames();

    MediaKind kind();

    /** A depacketizer for one stream described by {@code format}, delivering to {@code sink}. */
    RtpPayloadReader newReader(MediaFormat format, SampleSink sink);

    /** A packetizer for one stream described by {@code format}. */
    RtpPayloadWriter newWriter(MediaFormat format);
}
