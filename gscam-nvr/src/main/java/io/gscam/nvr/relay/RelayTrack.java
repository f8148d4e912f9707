package io.gscam.nvr.relay;

import io.gscam.client.TrackInfo;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.server.stream.PublishedTrack;

import java.util.List;


/**
 * One track of a relayed camera as the relay sends it: its own SSRC and sequence numbers, and RTP
 * timestamps that follow the camera's media time. The camera's timestamps are kept as differences
 * from an anchor (the first frame of the upstream session, with its arrival time on the relay's
 * clock), so the spacing of frames, and with it A/V sync, is the camera's; {@link #rtpTimeAt} maps
 * the relay's clock to the same media time for RTP-Info and sender reports.
 *
 * <p>After the NVR's upstream session reconnects, the camera's timestamps start somewhere new:
 * {@link #reanchor()} makes the next frame continue from the media time the clock has reached, so
 * viewers see one continuous RTP stream. Written by the camera's I/O thread; read by request and
 * report threads.
 */
final class RelayTrack extends PublishedTrack {
    private static final long MASK = 0xFFFFFFFFL;

    /** Where media time 0 of the current upstream session sits on both clocks. */
    private record Anchor(long nanos, long cameraTimestamp, long relayTimestamp) {
    }

    private final TrackInfo info;
    private final RtpStreamPacketizer packetizer;
    private final long timestampOffset;
    private volatile Anchor anchor;
    private volatile boolean reanchor;

    RelayTrack(int index, TrackInfo info, RtpStreamPacketizer packetizer, long timestampOffset) {
        super(index, packetizer.ssrc(), packetizer.nextSequence());
        this.info = info;
        this.packetizer = packetizer;
        this.timestampOffset = timestampOffset & MASK;
    }

    /** The camera's track as the NVR's session described it. */
    TrackInfo info() {
        return info;
    }

    @Override
    public long rtpTimeAt(long nowNanos) {
        Anchor a = anchor;
        if (a == null) {
            return timestampOffset;
        }
        return rtpTimeAt(nowNanos, a.nanos, a.relayTimestamp, info.clockRate());
    }

    /** The next frame starts a new upstream session's timeline. */
    void reanchor() {
        reanchor = true;
    }

    /**
     * The relay's RTP timestamp of a frame the camera stamped {@code cameraTimestamp}, arriving at
     * {@code nowNanos}.
     */
    long relayTimestamp(long cameraTimestamp, long nowNanos) {
        Anchor a = anchor;
        if (a == null || reanchor) {
            long start = a == null ? timestampOffset : rtpTimeAt(nowNanos);
            a = new Anchor(nowNanos, cameraTimestamp & MASK, start);
            anchor = a;
            reanchor = false;
        }
        return (a.relayTimestamp + ((cameraTimestamp - a.cameraTimestamp) & MASK)) & MASK;
    }

    /** The RTP packets of one frame (FU-A, RTP/JPEG or audio, as the payload format writes them). */
    List<RtpPacket> packetize(MediaSample sample) {
        return packetizer.packetize(sample);
    }
}
