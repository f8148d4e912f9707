package io.gscam.client.internal.rtp;

import io.gscam.client.TrackClock;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.InterarrivalJitter;
import io.gscam.protocol.rtp.NtpTime;
import io.gscam.protocol.rtp.ReceiverReport;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.RtcpPacket;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtp.RtpSequenceTracker;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.rtp.SourceDescription;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The receiver-report side of RTCP for one track (RFC 3550 section 6.4.2): sequence and jitter
 * statistics of the packets as they arrive (before reordering, as A.3 and A.8 want), the camera's
 * last sender report (for LSR/DLSR, and as the track's {@link TrackClock}), and the compound RR +
 * SDES CNAME the session sends every 5 s. Time comes in as monotonic nanoseconds. Not thread safe.
 */
public final class RtcpReceiver {
    private final long ownSsrc;
    private final String cname;
    private final int clockRate;
    private final RtpSequenceTracker sequences = new RtpSequenceTracker();
    private final InterarrivalJitter jitter = new InterarrivalJitter();
    private long senderSsrc = -1;
    private long lastSenderReport;
    private long lastSenderReportArrivalNanos;
    private Optional<TrackClock> clock = Optional.empty();

    public RtcpReceiver(long ownSsrc, String cname, int clockRate) {
        this.ownSsrc = ownSsrc;
        this.cname = cname;
        this.clockRate = clockRate;
    }

    public void onRtp(RtpPacket packet, long nowNanos) {
        if (senderSsrc != packet.ssrc()) {
            if (senderSsrc >= 0) {
                clock = Optional.empty(); // a new source: a new random RTP offset
            }
            senderSsrc = packet.ssrc();
            jitter.reset();
        }
        if (sequences.update(packet.sequenceNumber()).accepted()) {
            jitter.update(packet.timestamp(), InterarrivalJitter.toClockUnits(nowNanos, clockRate));
        }
    }

    /**
     * An RTCP compound from the camera: remembers its sender report for LSR/DLSR and as the track's
     * clock (an SR of another source than the RTP's, once that is known, is not this track's).
     */
    public void onRtcp(byte[] data, int offset, int length, long nowNanos) throws ParseException {
        for (RtcpPacket p : RtcpCompound.parse(data, offset, length)) {
            if (p instanceof SenderReport sr && (senderSsrc < 0 || sr.ssrc() == senderSsrc)) {
                lastSenderReport = NtpTime.compact(sr.ntpTimestamp());
                lastSenderReportArrivalNanos = nowNanos;
                clock = Optional.of(new TrackClock(sr.rtpTimestamp(), NtpTime.toInstant(sr.ntpTimestamp()), clockRate));
            }
        }
    }

    /** The NTP time of the track's RTP timestamps from the latest sender report; empty before the first. */
    public Optional<TrackClock> clock() {
        return clock;
    }

    /** The compound to send now, or empty before the first RTP packet. */
    public Optional<byte[]> report(long nowNanos) {
        if (senderSsrc < 0) {
            return Optional.empty();
        }
        long dlsr = lastSenderReportArrivalNanos == 0 ? 0
                : NtpTime.compactDuration(Duration.ofNanos(nowNanos - lastSenderReportArrivalNanos));
        ReceiverReport rr = new ReceiverReport(ownSsrc,
                List.of(sequences.reportBlock(senderSsrc, jitter.jitter(), lastSenderReport, dlsr)));
        return Optional.of(RtcpCompound.write(List.of(rr, SourceDescription.cname(ownSsrc, cname))));
    }

    public long cumulativeLost() {
        return Math.max(0, sequences.cumulativeLost());
    }
}
