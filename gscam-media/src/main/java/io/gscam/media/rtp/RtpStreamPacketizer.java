package io.gscam.media.rtp;

import io.gscam.media.MediaSample;
import io.gscam.protocol.rtp.RtpPacket;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns samples of one RTP stream into packets: the payload format's payloads, numbered with a
 * running 16-bit sequence number and stamped with the stream's SSRC and payload type. Not thread
 * safe: one producer per stream.
 */
public final class RtpStreamPacketizer {
    private final RtpPayloadWriter writer;
    private final int payloadType;
    private final long ssrc;
    private int nextSequence;

    public RtpStreamPacketizer(RtpPayloadWriter writer, int payloadType, long ssrc, int firstSequence) {
        this.writer = writer;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.nextSequence = firstSequence & RtpPacket.MAX_SEQUENCE;
    }

    public List<RtpPacket> packetize(MediaSample sample) {
        List<RtpPayload> payloads = writer.payloads(sample);
        List<RtpPacket> packets = new ArrayList<>(payloads.size());
        for (RtpPayload p : payloads) {
            packets.add(RtpPacket.builder()
                    .payloadType(payloadType)
                    .ssrc(ssrc)
                    .sequenceNumber(nextSequence)
                    .timestamp(sample.rtpTimestamp())
                    .marker(p.marker())
                    .payload(p.bytes())
                    .build());
            nextSequence = (nextSequence + 1) & RtpPacket.MAX_SEQUENCE;
        }
        return packets;
    }

    /** The sequence number the next packet will carry (for RTP-Info). */
    public int nextSequence() {
        return nextSequence;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }
}
