package io.gscam.client.internal.rtp;

import io.gscam.client.AudioFrame;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaSample;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;
import io.gscam.media.h264.SequenceParameterSet;
import io.gscam.media.h264.SpsParser;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The receiving side of one set-up track: RTP bytes in (from a {@code $} frame or a UDP datagram),
 * frames out. Parses packets, puts them in order ({@link ReorderBuffer}), feeds the payload format's
 * reader, and turns its samples into {@link VideoFrame}s and {@link AudioFrame}s with presentation
 * times. For H.264 it keeps the latest SPS/PPS (from the SDP, then in-band) as the frames' codec
 * configuration and reports a picture size read from a new SPS; for JPEG it reports the size of the
 * frames' SOF header. Confined to the session's event loop.
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
    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    private final boolean h264;
    private final boolean jpeg;
    private final RtcpReceiver rtcp;

    private byte[] sps;
    private byte[] pps;
    private List<byte[]> codecConfig = List.of();

    private long packets;
    private long bytes;
    private long rejected;
    private long frames;
    private long lastPacketNanos;
    private Instant lastArrival;
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
        this.h264 = "H264".equals(format.encodingKey());
        this.jpeg = "JPEG".equals(format.encodingKey());
        this.reader = payloadFormat.newReader(format, this::onSample);
        if (h264) {
            String sprop = format.fmtpParameter("sprop-parameter-sets");
            if (sprop != null) {
                for (String b64 : sprop.split(",")) {
                    try {
                        noteNal(java.util.Base64.getDecoder().decode(b64.trim()));
                    } catch (IllegalArgumentException e) {
                        log.debug("track {}: unreadable sprop-parameter-sets entry", info.index());
                    }
                }
            }
        }
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

    /** One RTP packet as received; {@code nowNanos} is a monotonic time for the reorder buffer. */
    public void onRtp(byte[] data, int offset, int length, long nowNanos) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(data, offset, length);
        } catch (ParseException e) {
            rejected++;
            log.debug("track {}: not an RTP packet: {}", info.index(), e.getMessage());
            return;
        }
        packets++;
        bytes += length;
        lastPacketNanos = nowNanos;
        lastArrival = clock.instant();
        rtcp.onRtp(packet, nowNanos);
        reorder.offer(packet, nowNanos, reader::consume);
    }

    /** Gives up waiting for late packets whose time is up; called on a timer. */
    public void tick(long nowNanos) {
        reorder.flushExpired(nowNanos, reader::consume);
    }

    private void onSample(MediaSample sample) {
        long ticks = unwrapper.unwrap(sample.rtpTimestamp());
        Duration pts = Duration.ofNanos(Math.max(0, ticks) * 1_000_000_000L / format.clockRate());
        Instant at = lastArrival != null ? lastArrival : clock.instant();
        frames++;
        if (info.isVideo()) {
            if (h264) {
                scanParameterSets(sample.data());
            } else if (jpeg) {
                noteJpegSize(sample.data());
            }
            output.onVideo(new VideoFrame(info.index(), info.codec(), sample.rtpTimestamp(), pts, at, sample.keyframe(),
                    sample.data(), codecConfig));
        } else {
            output.onAudio(new AudioFrame(info.index(), info.codec(), sample.rtpTimestamp(), pts, at,
                    info.sampleRate(), Math.max(1, info.channels()), sample.data()));
        }
    }

    private void scanParameterSets(byte[] annexB) {
        for (NalUnit nal : AnnexB.split(annexB)) {
            if (nal.isSps() || nal.isPps()) {
                noteNal(nal.bytes());
            }
        }
    }

    private void noteJpegSize(byte[] frame) {
        int[] size = JpegSize.of(frame);
        if (size != null && (size[0] != info.width() || size[1] != info.height())) {
            info = info.withVideoSize(size[0], size[1], 0);
            output.onTrackChanged(info);
        }
    }

    private void noteNal(byte[] nal) {
        if (nal.length == 0) {
            return;
        }
        int type = nal[0] & 0x1F;
        if (type == NalUnit.TYPE_SPS && !Arrays.equals(nal, sps)) {
            sps = nal.clone();
            try {
                SequenceParameterSet s = SpsParser.parse(sps);
                TrackInfo updated = initialInfo.withVideoSize(s.width(), s.height(), s.frameRate().orElse(0));
                if (!updated.equals(info)) {
                    boolean started = frames > 0 || packets > 0;
                    info = updated;
                    if (started) {
                        output.onTrackChanged(updated);
                    }
                }
            } catch (ParseException e) {
                log.debug("track {}: unreadable SPS: {}", info.index(), e.getMessage());
            }
        } else if (type == NalUnit.TYPE_PPS && !Arrays.equals(nal, pps)) {
            pps = nal.clone();
        } else {
            return;
        }
        codecConfig = sps != null && pps != null ? List.of(sps, pps) : sps != null ? List.of(sps) : List.of();
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
