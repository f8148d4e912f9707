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
 */
public final class SenderReports {
    private final InstantSource wallClock;
    private final Duration interval;
    private final String cname;

    public SenderReports(InstantSource wallClock, Duration interval, String cname) {
        this.wallClock = wallClock;
        this.interval = interval;
        this.cname = cname;
    }

    /** Starts the reports; the returned action stops them. */
    public Runnable start(ServedStream stream, StreamReader reader) {
        PacketOutlet outlet = reader.outlet();
        long first = Math.min(interval.toNanos(), Duration.ofSeconds(1).toNanos());
        ScheduledFuture<?> task = outlet.executor().scheduleAtFixedRate(() -> send(stream, reader),
                first, interval.toNanos(), TimeUnit.NANOSECONDS);
        return () -> task.cancel(false);
    }

    private void send(ServedStream stream, StreamReader reader) {
        PacketOutlet outlet = reader.outlet();
        if (reader.isStopped() || !outlet.isOpen()) {
            return;
        }
        long ntp = NtpTime.fromInstant(wallClock.instant());
        long now = stream.packets().nanoClock().getAsLong();
        List<? extends RtpTrackState> tracks = stream.tracks();
        for (int i = 0; i < tracks.size(); i++) {
            if (!reader.receives(i) || reader.packetsSent(i) == 0) {
                continue;
            }
            RtpTrackState t = tracks.get(i);
            SenderReport sr = new SenderReport(t.ssrc(), ntp, t.rtpTimeAt(now),
                    reader.packetsSent(i) & 0xFFFFFFFFL, reader.octetsSent(i) & 0xFFFFFFFFL, List.of());
            byte[] bytes = RtcpCompound.write(List.of(sr, SourceDescription.cname(t.ssrc(), cname)));
            outlet.writeRtcp(i, Unpooled.wrappedBuffer(bytes));
        }
        outlet.flush();
    }
}
