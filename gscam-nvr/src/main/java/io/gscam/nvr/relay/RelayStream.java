package io.gscam.nvr.relay;

import io.gscam.media.h264.IdrParameterSets;
import io.gscam.client.AudioFrame;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.server.stream.PacketStream;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamHold;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One camera as the relay serves it, for one track layout of the NVR's upstream session: the tracks
 * the session receives and a payload format can write (H.264 as FU-A of 1024 bytes, MJPEG, G.711,
 * G.726, from {@link PayloadFormats}), and the {@link PacketStream} every viewer's reader attaches
 * to. Each frame the upstream session delivers is packetized once, only while someone watches, and
 * published to all of them: viewers never cost the camera another session.
 *
 * <p>Frames come on the camera's I/O thread ({@link io.gscam.nvr.record.LiveFeed}); packetizing and
 * publishing never block (each reader queues within its own byte budget).
 */
final class RelayStream {
    private final String camera;
    private final List<RelayTrack> tracks;
    /** The relay track of each upstream track index, or null when it is not relayed. */
    private final RelayTrack[] byUpstreamIndex;
    private final PacketStream packets;
    private final ByteBufAllocator alloc;
    private final LongSupplier nanoClock;
    private final AtomicInteger holds = new AtomicInteger();
    /** The latest SPS and PPS of the video, for a sprop the camera did not send. */
    private volatile List<byte[]> codecConfig = List.of();

    private RelayStream(String camera, List<RelayTrack> tracks, RelayTrack[] byUpstreamIndex, ByteBufAllocator alloc,
                        LongSupplier nanoClock) {
        this.camera = camera;
        this.tracks = List.copyOf(tracks);
        this.byUpstreamIndex = byUpstreamIndex;
        this.alloc = alloc;
        this.nanoClock = nanoClock;
        int video = -1;
        for (RelayTrack t : tracks) {
            if (video < 0 && t.info().isVideo()) {
                video = t.index();
            }
        }
        this.packets = new PacketStream(tracks.size(), video, nanoClock);
    }

    /** The relay of {@code info}'s received tracks; empty when none of them can be relayed. */
    static Optional<RelayStream> of(String camera, StreamInfo info, PayloadFormats formats, RandomGenerator random,
                                    ByteBufAllocator alloc, LongSupplier nanoClock) {
        List<RelayTrack> tracks = new ArrayList<>();
        RelayTrack[] byUpstream = new RelayTrack[info.tracks().size()];
        for (TrackInfo t : info.tracks()) {
            Optional<PayloadFormat> format = formats.find(t.codec());
            if (!t.setUp() || format.isEmpty() || t.clockRate() <= 0 || t.index() >= byUpstream.length) {
                continue;
            }
            MediaFormat media = new MediaFormat(t.kind(), t.payloadType(), t.codec(), t.clockRate(),
                    Math.max(1, t.channels()), t.fmtp());
            RtpStreamPacketizer packetizer = new RtpStreamPacketizer(format.get().newWriter(media), t.payloadType(),
                    random.nextLong() & 0xFFFFFFFFL, random.nextInt(0x10000));
            RelayTrack track = new RelayTrack(tracks.size(), t, packetizer, random.nextLong());
            tracks.add(track);
            byUpstream[t.index()] = track;
        }
        if (tracks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RelayStream(camera, tracks, byUpstream, alloc, nanoClock));
    }

    static boolean isH264(TrackInfo info) {
        return H264PayloadFormat.ENCODING_NAME.equalsIgnoreCase(info.codec());
    }

    /**
     * Whether {@code info} (a new upstream session's) can go on in this stream: the same tracks with
     * the same codecs, payload types, clocks and picture sizes, so the SDP viewers hold stays true.
     */
    boolean sameLayout(StreamInfo info) {
        List<TrackInfo> mine = tracks.stream().map(RelayTrack::info).toList();
        List<TrackInfo> theirs = info.tracks().stream()
                .filter(t -> t.index() < byUpstreamIndex.length && byUpstreamIndex[t.index()] != null && t.setUp()).toList();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            TrackInfo a = mine.get(i);
            TrackInfo b = theirs.get(i);
            if (a.index() != b.index() || !a.codec().equalsIgnoreCase(b.codec()) || a.payloadType() != b.payloadType()
                    || a.clockRate() != b.clockRate() || a.channels() != b.channels()
                    || a.width() != b.width() || a.height() != b.height()) {
                return false;
            }
        }
        return true;
    }

    /** A new upstream session began: timestamps go on from where the clock is. */
    void reanchor() {
        tracks.forEach(RelayTrack::reanchor);
    }

    void onVideo(VideoFrame frame) {
        RelayTrack t = track(frame.trackIndex());
        if (t == null) {
            return;
        }
        boolean h264 = isH264(t.info());
        if (h264 && !frame.codecConfig().isEmpty()) {
            codecConfig = frame.codecConfig();
        }
        long ts = t.relayTimestamp(frame.rtpTimestamp(), nanoClock.getAsLong());
        if (packets.readerCount() == 0) {
            return; // nobody watches: the anchor is kept, the packets are not made
        }
        byte[] data = h264 ? IdrParameterSets.ensureBeforeIdr(frame.data(), frame.keyframe(), frame.codecConfig())
                : frame.data();
        publish(t, MediaKind.VIDEO, ts, data, frame.keyframe());
    }

    void onAudio(AudioFrame frame) {
        RelayTrack t = track(frame.trackIndex());
        if (t == null) {
            return;
        }
        long ts = t.relayTimestamp(frame.rtpTimestamp(), nanoClock.getAsLong());
        if (packets.readerCount() == 0) {
            return;
        }
        publish(t, MediaKind.AUDIO, ts, frame.data(), true);
    }

    private RelayTrack track(int upstreamIndex) {
        return upstreamIndex >= 0 && upstreamIndex < byUpstreamIndex.length ? byUpstreamIndex[upstreamIndex] : null;
    }

    private void publish(RelayTrack t, MediaKind kind, long timestamp, byte[] data, boolean keyframe) {
        t.publish(t.packetize(new MediaSample(kind, timestamp, data, keyframe)), keyframe, packets, alloc);
    }

    List<RelayTrack> tracks() {
        return tracks;
    }

    PacketStream packets() {
        return packets;
    }

    /** Holds the server has on this stream now (DESCRIBEs in progress and sessions). */
    int holds() {
        return holds.get();
    }

    /** A hold for one DESCRIBE or one session; the stream itself runs as long as the NVR's session. */
    ServedStream hold() {
        holds.incrementAndGet();
        return new StreamHold(this::mediaSections, () -> RelaySdp.serverHeader(tracks), tracks, packets,
                holds::decrementAndGet);
    }

    /** The SDP sections as of now, with the parameter sets the camera sent last. */
    private List<MediaDescription> mediaSections() {
        List<byte[]> config = codecConfig;
        return tracks.stream().map(t -> RelaySdp.mediaSection(t, config)).toList();
    }

    /** The layout changed or the relay stops: every viewer's reader stops. */
    void close() {
        packets.close();
    }

    @Override
    public String toString() {
        return "relay of " + camera + " " + Arrays.toString(tracks.stream().map(t -> t.info().codec()).toArray());
    }
}
