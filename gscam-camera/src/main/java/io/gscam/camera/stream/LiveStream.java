package io.gscam.camera.stream;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.camera.source.MediaSource;
import io.gscam.camera.source.Pacer;
import io.gscam.camera.source.TimedSample;
import io.gscam.camera.source.TrackInfo;
import io.gscam.server.stream.PacketStream;
import io.gscam.server.stream.PublishedTrack;
import io.gscam.server.stream.StreamReader;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One channel's live stream, produced once for all its readers: {@link MediaSource} →
 * {@link Pacer} (wall-clock rate) → one {@link RtpStreamPacketizer} per track (H.264 as FU-A of the
 * configured size) → each RTP packet serialised once into a direct buffer, published to the server's
 * {@link PacketStream}, whose {@link StreamReader}s each keep a retained duplicate of it. A slow reader
 * never slows the stream or the other readers (see {@link StreamReader}).
 *
 * <p>SSRC, first sequence number and RTP timestamp offset are random per track (RFC 3550 5.1), and
 * stay for the stream's life, so readers that join later see one continuous RTP stream.
 */
public final class LiveStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    /** One track's RTP state. Written by the producer thread; read by request and report threads. */
    public static final class Track extends PublishedTrack {
        private final TrackInfo info;
        private final RtpStreamPacketizer packetizer;
        private final long timestampOffset;
        private final Supplier<OptionalLong> anchor;

        Track(int index, TrackInfo info, RtpStreamPacketizer packetizer, long timestampOffset,
              Supplier<OptionalLong> anchor) {
            super(index, packetizer.ssrc(), packetizer.nextSequence());
            this.info = info;
            this.packetizer = packetizer;
            this.timestampOffset = timestampOffset;
            this.anchor = anchor;
        }

        public TrackInfo info() {
            return info;
        }

        /**
         * The RTP timestamp of the instant {@code nowNanos} (same clock as the stream's pacer), for
         * RTP-Info and sender reports: the media clock extrapolated from the pacer's anchor (the
         * instant media time 0 was due), {@code offset + (now - anchor) * clockRate}.
         *
         * <p>Every track of the stream derives it from that one anchor, never from when its own last
         * sample happened to be sent: a sample sent a few ms late (scheduling jitter) would otherwise
         * shift that track's NTP-to-RTP mapping against the other track's, and receivers that
         * synchronise tracks through sender reports (ffmpeg re-bases on the first SR) would see a
         * step backwards. When the pacer skips ahead, the anchor moves and the mapping of every track
         * moves with it, while RTP timestamps stay continuous. Before the first sample: the offset.
         */
        @Override
        public long rtpTimeAt(long nowNanos) {
            OptionalLong a = anchor.get();
            if (a.isEmpty()) {
                return timestampOffset;
            }
            return rtpTimeAt(nowNanos, a.getAsLong(), timestampOffset, info.clockRate());
        }
    }

    private final int channel;
    private final MediaSource source;
    private final Track[] tracks;
    private final int videoTrack;
    private final ByteBufAllocator alloc;
    private final LongSupplier nanoClock;
    private final Pacer pacer;
    private final KeyframeParameterSets parameterSets;
    private final PacketStream fanOut;
    private volatile boolean closed;

    /**
     * @param writers the payload writer for each track's format (H.264 with the configured FU-A size)
     */
    public LiveStream(int channel, MediaSource source, IntFunction<RtpPayloadWriter> writers, ByteBufAllocator alloc,
                      ScheduledExecutorService executor, LongSupplier nanoClock, RandomGenerator random) {
        this.channel = channel;
        this.source = Objects.requireNonNull(source, "source");
        this.alloc = alloc;
        this.nanoClock = nanoClock;
        List<TrackInfo> infos = source.tracks();
        this.tracks = new Track[infos.size()];
        int video = -1;
        for (int i = 0; i < tracks.length; i++) {
            TrackInfo info = infos.get(i);
            RtpStreamPacketizer p = new RtpStreamPacketizer(writers.apply(i), info.payloadType(),
                    random.nextLong() & 0xFFFFFFFFL, random.nextInt(0x10000));
            tracks[i] = new Track(i, info, p, random.nextLong() & 0xFFFFFFFFL, this::anchorNanos);
            if (video < 0 && info.kind() == MediaKind.VIDEO) {
                video = i;
            }
        }
        this.videoTrack = video;
        this.fanOut = new PacketStream(tracks.length, video, nanoClock);
        this.parameterSets = new KeyframeParameterSets();
        this.pacer = new Pacer(source, new Pacer.Listener() {
            @Override
            public void onSample(TimedSample sample) {
                publish(sample);
            }

            @Override
            public void onSkip(Duration behind) {
                log.debug("channel {}: pacer fell {} ms behind", channel, behind.toMillis());
            }

            @Override
            public void onError(RuntimeException error) {
                log.error("channel {}: media source failed; the stream stops", channel, error);
            }
        }, executor, nanoClock);
    }

    public int channel() {
        return channel;
    }

    public List<Track> tracks() {
        return List.of(tracks);
    }

    public Track track(int index) {
        return tracks[index];
    }

    /** The index of the video track, or -1. */
    public int videoTrack() {
        return videoTrack;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** The pacer's anchor: the clock reading at which media time 0 is due, once the first sample was taken. */
    private OptionalLong anchorNanos() {
        return pacer == null ? OptionalLong.empty() : pacer.anchorNanos();
    }

    /** Starts the pacer: samples flow from now on. */
    public void start() {
        pacer.start();
    }

    /** The fan-out this stream publishes to, where the server attaches its readers. */
    public PacketStream packets() {
        return fanOut;
    }

    public void addReader(StreamReader reader) {
        fanOut.addReader(reader);
    }

    public void removeReader(StreamReader reader) {
        fanOut.removeReader(reader);
    }

    public int readerCount() {
        return fanOut.readerCount();
    }

    public List<StreamReader> readers() {
        return fanOut.readers();
    }

    /** RTP packets produced since start (each once, however many readers). */
    public long packetsProduced() {
        return fanOut.packetsProduced();
    }

    /** Packetizes one paced sample and offers its packets to every reader. Runs on the pacer's thread. */
    void publish(TimedSample timed) {
        if (closed || timed.track() >= tracks.length) {
            return;
        }
        Track t = tracks[timed.track()];
        MediaSample in = timed.sample();
        byte[] data = in.data();
        if (timed.track() == videoTrack && "H264".equals(t.info.format().encodingKey())) {
            data = parameterSets.ensureBeforeIdr(data, in.keyframe());
        }
        MediaSample out = new MediaSample(in.kind(), (in.rtpTimestamp() + t.timestampOffset) & 0xFFFFFFFFL,
                data, in.keyframe());
        t.publish(t.packetizer.packetize(out), out.keyframe(), fanOut, alloc);
    }

    /** Stops the pacer, closes the source and stops every reader. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pacer.stop();
        fanOut.close();
        try {
            source.close();
        } catch (RuntimeException e) {
            log.warn("channel {}: closing the media source failed", channel, e);
        }
    }
}
