package io.gscam.client.internal.session;

import io.gscam.client.internal.rtp.MediaTrack;

import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The periodic duties of a playing session, on its tick: RTCP receiver reports every 5 s (RFC 3550
 * section 6.2 lets a session this small report that often; cameras that time sessions out on RTCP
 * want them) and loss events at most once a second per track. Loop-confined, as its playback.
 */
final class PeriodicReports {
    static final Duration RTCP_INTERVAL = Duration.ofSeconds(5);
    private static final long LOSS_REPORT_NANOS = Duration.ofSeconds(1).toNanos();

    private final LongConsumer sendReceiverReports;
    private long lastRtcpNanos;
    private long lastLossReportNanos;

    /** @param sendReceiverReports sends each track's receiver report, given the monotonic time */
    PeriodicReports(long playingSinceNanos, LongConsumer sendReceiverReports) {
        this.sendReceiverReports = sendReceiverReports;
        this.lastRtcpNanos = playingSinceNanos;
        this.lastLossReportNanos = playingSinceNanos;
    }

    void tick(long now, List<MediaTrack> tracks, Playback.Owner owner) {
        if (now - lastRtcpNanos >= RTCP_INTERVAL.toNanos()) {
            lastRtcpNanos = now;
            sendReceiverReports.accept(now);
        }
        if (now - lastLossReportNanos >= LOSS_REPORT_NANOS) {
            lastLossReportNanos = now;
            for (MediaTrack t : tracks) {
                long[] loss = t.takeLossSinceLastReport();
                if (loss[0] > 0 || loss[1] > 0) {
                    owner.onLoss(t.info().index(), loss[0], loss[1], t.packetsLost());
                }
            }
        }
    }
}
