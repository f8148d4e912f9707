package io.gscam.server;

import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.server.stream.PacketStream;
import io.gscam.server.stream.PublishedTrack;
import io.gscam.server.stream.RtpTrackState;
import io.gscam.server.stream.StreamHold;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamProvider;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A stream that is neither emulated nor from a file: the test describes its tracks and pushes RTP
 * packets into its {@link PacketStream}. Its provider serves it on channel 0 and counts the holds
 * the server takes and releases, so tests can see that every one is released.
 */
public final class PushedStream {
    /** One track's RTP state, set by the test as it pushes packets. */
    public static final class Track implements RtpTrackState {
        private final long ssrc;
        private final int clockRate;
        private final LongSupplier nanoClock;
        private final long startNanos;
        private volatile int nextSequence;

        public Track(long ssrc, int firstSequence, int clockRate, LongSupplier nanoClock) {
            this.ssrc = ssrc;
            this.nextSequence = firstSequence;
            this.clockRate = clockRate;
            this.nanoClock = nanoClock;
            this.startNanos = nanoClock.getAsLong();
        }

        @Override
        public long ssrc() {
            return ssrc;
        }

        @Override
        public int nextSequence() {
            return nextSequence;
        }

        public void nextSequence(int seq) {
            nextSequence = seq & 0xFFFF;
        }

        @Override
        public long rtpTimeAt(long nowNanos) {
            return PublishedTrack.ticks(nowNanos - startNanos, clockRate) & 0xFFFFFFFFL;
        }

        /** The RTP timestamp of now, for the packets the test makes. */
        public long rtpTimeNow() {
            return rtpTimeAt(nanoClock.getAsLong());
        }
    }

    private final List<MediaDescription> sections;
    private final List<Track> tracks;
    private final String serverHeader;
    private final PacketStream packets;
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    public PushedStream(List<MediaDescription> sections, List<Track> tracks, int videoTrack, String serverHeader,
                        LongSupplier nanoClock) {
        this.sections = List.copyOf(sections);
        this.tracks = List.copyOf(tracks);
        this.serverHeader = serverHeader;
        this.packets = new PacketStream(tracks.size(), videoTrack, nanoClock);
    }

    /** One H.264 track, payload type 96, as the spec's SDP describes it. */
    public static PushedStream h264(long ssrc, String spropParameterSets, String serverHeader, LongSupplier nanoClock) {
        MediaDescription video = MediaDescription.builder("video", 0, "RTP/AVP").format(96)
                .control("trackID=0")
                .rtpmap(new io.gscam.protocol.sdp.RtpMap(96, "H264", 90000))
                .fmtp(96, spropParameterSets == null ? "packetization-mode=1"
                        : "packetization-mode=1; sprop-parameter-sets=" + spropParameterSets)
                .build();
        return new PushedStream(List.of(video), List.of(new Track(ssrc, 1000, 90000, nanoClock)), 0, serverHeader, nanoClock);
    }

    public PacketStream packets() {
        return packets;
    }

    public Track track(int index) {
        return tracks.get(index);
    }

    /** Holds the server took and has not released. */
    public int holds() {
        return holds.get();
    }

    /** Holds the server ever took. */
    public int opened() {
        return opened.get();
    }

    /** Serves this stream on channel 0; no other channel exists. */
    public StreamProvider provider() {
        return StreamProvider.byChannel(channel -> channel.number() == 0 ? Optional.of(hold()) : Optional.empty());
    }

    private ServedStream hold() {
        holds.incrementAndGet();
        opened.incrementAndGet();
        return new StreamHold(() -> sections, () -> serverHeader, tracks, packets, holds::decrementAndGet);
    }
}
