package io.gscam.server.stream;

import io.gscam.protocol.rtp.NtpTime;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.rtp.SourceDescription;
import io.gscam.server.transport.PacketOutlet;
import io.netty.buffer.Unpooled;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RTCP sender reports for a playing reader: per track it receives, every {@code interval} (the
 * issue's "at least every 5 s"), an SR with the wall clock as NTP time, the same instant in the
 * track's RTP clock, and what this reader was sent, compounded with an SDES CNAME as RFC 3550 6.1
 * requires. Over TCP they go interleaved on the track's RTCP channel, over UDP to the client's RTCP
 * port. Runs on the reader's outlet event loop.
 *
 * <p>A track's first report goes out as soon as the reader has sent it something (looked for every
 * {@link #FIRST_REPORT_POLL} during the first interval): a new reader starts at the next keyframe,
 * which may come after any fixed first report, and a receiver has no capture time for its frames
 * until it has a report (a report skipped for want of packets used to mean one interval more).
 */
public final class SenderReports {
    /** How often a track that has not had its first report yet is looked at. */
    static final Duration FIRST_REPORT_POLL = Duration.ofMillis(100);

    private final InstantSource wallClock;
    private final Duration interval;
    private final String cname;
    private final Duration poll;

    public SenderReports(InstantSource wallClock, Duration interval, String cname) {
        this.wallClock = wallClock;
        this.interval = interval;
        this.cname = cname;
        this.poll = interval.compareTo(FIRST_REPORT_POLL) < 0 ? interval : FIRST_REPORT_POLL;
    }

    /** Starts the reports; the returned action stops them. */
    public Runnable start(ServedStream stream, StreamReader reader) {
        ReaderReports reports = new ReaderReports(stream, reader);
        reports.schedule(poll);
        return reports::stop;
    }

    /** One reader's schedule: polls for first reports, then one round per interval. */
    private final class ReaderReports implements Runnable {
        private final ServedStream stream;
        private final StreamReader reader;
        /** Tracks that had their first report; confined to the outlet's event loop. */
        private final boolean[] reported;
        /** Time spent polling for first reports; confined to the outlet's event loop. */
        private long pollingNanos;
        private volatile ScheduledFuture<?> task;
        private volatile boolean stopped;

        ReaderReports(ServedStream stream, StreamReader reader) {
            this.stream = stream;
            this.reader = reader;
            this.reported = new boolean[stream.tracks().size()];
        }

        void schedule(Duration delay) {
            task = reader.outlet().executor().schedule(this, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            boolean polling = pollingNanos < interval.toNanos() && !allReported();
            send(polling);
            Duration next = polling && !allReported() ? poll : interval;
            if (polling) {
                pollingNanos += poll.toNanos();
            }
            schedule(next);
        }

        private boolean allReported() {
            for (int i = 0; i < reported.length; i++) {
                if (reader.receives(i) && !reported[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Reports every track that has sent something, or while polling, those without a first report. */
        private void send(boolean firstOnly) {
            PacketOutlet outlet = reader.outlet();
            if (reader.isStopped() || !outlet.isOpen()) {
                return;
            }
            long ntp = NtpTime.fromInstant(wallClock.instant());
            long now = stream.packets().nanoClock().getAsLong();
            List<? extends RtpTrackState> tracks = stream.tracks();
            boolean sent = false;
            for (int i = 0; i < tracks.size(); i++) {
                if (!reader.receives(i) || reader.packetsSent(i) == 0 || (firstOnly && reported[i])) {
                    continue;
                }
                RtpTrackState t = tracks.get(i);
                SenderReport sr = new SenderReport(t.ssrc(), ntp, t.rtpTimeAt(now),
                        reader.packetsSent(i) & 0xFFFFFFFFL, reader.octetsSent(i) & 0xFFFFFFFFL, List.of());
                byte[] bytes = RtcpCompound.write(List.of(sr, SourceDescription.cname(t.ssrc(), cname)));
                outlet.writeRtcp(i, Unpooled.wrappedBuffer(bytes));
                reported[i] = true;
                sent = true;
            }
            if (sent) {
                outlet.flush();
            }
        }
    }
}
