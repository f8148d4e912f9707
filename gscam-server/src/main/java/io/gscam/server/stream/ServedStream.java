package io.gscam.server.stream;

import io.gscam.protocol.sdp.MediaDescription;

import java.util.List;

/**
 * One stream as the server serves it, held open until {@link #close()}: what DESCRIBE says of it
 * (the media sections and the Server header), the RTP state of its tracks (for SETUP's ssrc, PLAY's
 * RTP-Info and the sender reports) and the {@link PacketStream} its readers attach to. Tracks are
 * numbered from 0 in the SDP's order and addressed as {@code trackID=<n>}.
 *
 * <p>Kept small on purpose: a provider that can describe itself and push RTP packets can be served,
 * whatever produces them.
 */
public interface ServedStream extends AutoCloseable {
    /**
     * The SDP's media sections, one per track in track order, each with {@code a=control:trackID=<n>};
     * the server writes the session part before them.
     */
    List<MediaDescription> mediaSections();

    /** The {@code Server} header of the DESCRIBE answer (the Grandstream form carries the picture size and rate). */
    String serverHeader();

    /** The RTP state of each track, in track order. */
    List<? extends RtpTrackState> tracks();

    /** The fan-out that readers attach to. */
    PacketStream packets();

    /** Releases this hold; the provider may stop the stream when no hold is left. Idempotent. */
    @Override
    void close();
}
