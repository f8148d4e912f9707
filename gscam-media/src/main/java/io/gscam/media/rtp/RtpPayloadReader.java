package io.gscam.media.rtp;

import io.gscam.protocol.rtp.RtpPacket;

/**
 * A depacketizer: RTP packets of one stream in, {@link io.gscam.media.MediaSample}s out to the
 * {@link SampleSink} it was made with. Packets arrive in sequence order (a reorder buffer, where
 * there is one, sits before it); a gap in sequence numbers is loss, which the reader detects itself,
 * drops what the loss broke, counts it, and recovers at the next sample it can rebuild whole.
 * Never throws on bad payloads: it drops and counts.
 */
public interface RtpPayloadReader {
    /**
     * Takes the next packet. It may be {@link RtpPacket#parseBorrowed borrowed}, valid only during
     * this call: a reader keeps its {@link RtpPacket#payload() payload} (a copy then) or what it
     * copied out, never the packet.
     */
    void consume(RtpPacket packet);

    /** Samples dropped because a packet was lost or a payload was malformed. */
    long droppedSamples();
}
