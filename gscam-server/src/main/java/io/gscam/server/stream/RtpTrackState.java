package io.gscam.server.stream;

/**
 * One track's RTP sender state, as SETUP ({@code ssrc}), PLAY's RTP-Info ({@code seq}, {@code rtptime})
 * and RTCP sender reports need it. Read by request and report threads while the producer runs.
 */
public interface RtpTrackState {
    long ssrc();

    /** The sequence number of the next packet (RTP-Info {@code seq}). */
    int nextSequence();

    /**
     * The track's RTP timestamp at {@code nowNanos} of {@link PacketStream#nanoClock()}: the same
     * instant maps to the same media time on every track, so receivers can synchronise them.
     */
    long rtpTimeAt(long nowNanos);
}
