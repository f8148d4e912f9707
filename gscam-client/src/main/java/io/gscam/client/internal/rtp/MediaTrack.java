package io.gscam.client.internal.rtp;

import io.gscam.client.AudioFrame;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaSample;
import io.gscam.media.container.RtpTimestampUnwrapper;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The receiving side of one set-up track: RTP bytes in (from a {@code $} frame or a UDP datagram),
 * frames out. Parses packets, puts them in order ({@link ReorderBuffer}), feeds the payload format's
 * reader, and turns its samples into {@link VideoFrame}s and {@link AudioFrame}s with presentation
 * times. What the reader learns of the stream ({@link StreamFormat}: picture size, codec
 * configuration) becomes the track's size and the frames' codec configuration; the codec is the
 * reader's business, not this class's. Confined to the session's event loop.
 */
public final class MediaTrack {
    private static final Logger log = LoggerFactory.getLogger(MediaTrack.class);

    /** Where frames go. */
    public interface Output {
        void onVideo(VideoFrame frame);

        void onAudio(AudioFrame frame);

        /** An in-band SPS gave this track a new picture size or rate. */
        void onTrackChanged(TrackInfo track);
    }

    private final TrackInfo initialInfo;
    private TrackInfo info;
    private final MediaFormat format;
    private final RtpPayloadReader reader;
    private final ReorderBuffer reorder;
    private final Clock clock;
    private final Output output;
    private final RtpTimestampUnwrapper unwrapper = new RtpTimestampUnwrapper();
    private final RtcpReceiver rtcp;

    /** The first timestamp, extended: presentation times count from it. */
    private long firstTicks = Long.MIN_VALUE;
    private List<byte[]> codecConfig = List.of();

    private long packets;
    private long bytes;
    private long rejected;
    private long frames;
    private long lastPacketNanos;
    /** The monotonic time of the call in progress (a packet's arrival or a tick), for {@link #onSample}. */
    private long callNanos;
    private long reportedLost;
    private long reportedDropped;

    public MediaTrack(TrackInfo info, MediaFormat format, PayloadFormat payloadFormat, ReorderBuffer reorder,
                      RtcpReceiver rtcp, Clock clock, Output output) {
        this.rtcp = rtcp;
        this.initialInfo = info;
        this.info = info;
        this.format = format;
        this.reorder = reorder;
        this.clock = clock;
        this.output = output;
        this.reader = payloadFormat.newReader(format, new SampleSink() {
            @Override
            public void onSample(MediaSample sample) {
                MediaTrack.this.onSample(sample);
            }

            @Override
            public void onFormat(StreamFormat streamFormat) {
                MediaTrack.this.onFormat(streamFormat);
            }
        });
    }

    public TrackInfo info() {
        return info;
    }

    public RtcpReceiver rtcp() {
        return rtcp;
    }

    public MediaFormat format() {
        return format;
    }

    /**
     * One RTP packet as received; {@code nowNanos} is a monotonic time for the reorder buffer. The
     * bytes are read during the call only (the payload is borrowed, not copied): the caller may
     * reuse them when it returns.
     */
    public void onRtp(byte[] data, int offset, int length, long nowNanos) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parseBorrowed(data, offset, length); // the reorder buffer detaches what it keeps
        } catch (ParseException e) {
            rejected++;
            log.debug("track {}: not an RTP packet: {}", info.index(), e.getMessage());
            return;
        }
        packets++;
        bytes += length;
        lastPacketNanos = nowNanos;
        callNanos = nowNanos;
        rtcp.onRtp(packet, nowNanos);
        reorder.offer(packet, nowNanos, reader::consume);
    }

    /** Gives up waiting for late packets whose time is up; called on a timer. */
    public void tick(long nowNanos) {
        callNanos = nowNanos;
        reorder.flushExpired(nowNanos, reader::consume);
    }

    private void onSample(MediaSample sample) {
        long extended = unwrapper.unwrap(sample.rtpTimestamp());
        if (firstTicks == Long.MIN_VALUE) {
            firstTicks = extended;
        }
        long ticks = extended - firstTicks;
        if (ticks < 0) {
            // The camera's clock went back past this session's first frame (set by hours): times
            // count from here, rather than all stick at zero.
            firstTicks = extended;
            ticks = 0;
        }
        Duration pts = Duration.ofNanos(ticks * 1_000_000_000L / format.clockRate());
        // The wall-clock arrival of the last packet, read once a frame rather than once a packet: now,
        // less the time since that packet (zero when this packet completed the frame).
        Instant at = clock.instant().minusNanos(Math.max(0, callNanos - lastPacketNanos));
        frames++;
        if (info.isVideo()) {
            output.onVideo(new VideoFrame(info.index(), info.codec(), sample.rtpTimestamp(), pts, at, sample.keyframe(),
                    sample.data(), codecConfig, rtcp.clock()));
        } else {
            output.onAudio(new AudioFrame(info.index(), info.codec(), sample.rtpTimestamp(), pts, at,
                    info.sampleRate(), Math.max(1, info.channels()), sample.data(), rtcp.clock()));
        }
    }

    /**
     * The reader learnt the stream's size or configuration. A size known before any packet (from
     * the SDP) is just the track's; one learnt from the stream is reported as a change.
     */
    private void onFormat(StreamFormat streamFormat) {
        codecConfig = streamFormat.codecConfig();
        if (!streamFormat.hasPictureSize()) {
            return;
        }
        TrackInfo updated = initialInfo.withVideoSize(streamFormat.width(), streamFormat.height(), streamFormat.frameRate());
        if (!updated.equals(info)) {
            boolean started = frames > 0 || packets > 0;
            info = updated;
            if (started) {
                output.onTrackChanged(updated);
            }
        }
    }

    public long packetsReceived() {
        return packets;
    }

    public long bytesReceived() {
        return bytes;
    }

    public long packetsLost() {
        return reorder.lost();
    }

    public long packetsReordered() {
        return reorder.reordered();
    }

    public long packetsLate() {
        return reorder.late();
    }

    public long framesDelivered() {
        return frames;
    }

    public long framesDropped() {
        return reader.droppedSamples();
    }

    public long packetsRejected() {
        return rejected;
    }

    /** Monotonic time of the last packet, 0 before the first. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /** Loss since the last call, as {lost, dropped}, for loss events. */
    public long[] takeLossSinceLastReport() {
        long lost = packetsLost() - reportedLost;
        long dropped = framesDropped() - reportedDropped;
        reportedLost = packetsLost();
        reportedDropped = framesDropped();
        return new long[] {lost, dropped};
    }
}
