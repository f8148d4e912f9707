package io.gscam.media.rtp;

import io.gscam.media.MediaSample;

import java.util.List;

/**
 * A packetizer: one {@link io.gscam.media.MediaSample} in, the RTP payloads that carry it out, in
 * order. The RTP header (sequence number, SSRC, payload type, the sample's timestamp) is the
 * caller's: see {@link RtpStreamPacketizer}.
 */
public interface RtpPayloadWriter {
    List<RtpPayload> payloads(MediaSample sample);
}
