package io.gscam.client.internal.rtp;

import io.gscam.client.TrackClock;
import io.gscam.protocol.rtp.NtpTime;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.rtp.SourceDescription;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The track's clock from the camera's sender reports: the NTP time of any RTP timestamp. */
class RtcpReceiverTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:15:00.250Z");
    private static final long SSRC = 0x1234;

    private final RtcpReceiver rtcp = new RtcpReceiver(1, "gscam@test", 90000);

    @Test
    void noClockBeforeTheFirstSenderReport_thenTheNtpTimeOfAnyTimestamp() throws Exception {
        rtp(SSRC, 1000);
        assertThat(rtcp.clock()).isEmpty();

        sr(SSRC, T0, 90_000);

        TrackClock clock = rtcp.clock().orElseThrow();
        assertThat(clock.clockRate()).isEqualTo(90000);
        assertThat(clock.ntpTimeOf(90_000)).isEqualTo(T0);
        assertThat(clock.ntpTimeOf(90_000 + 3000)).as("a frame 1/30 s later").isEqualTo(T0.plusNanos(33_333_333));
        assertThat(clock.ntpTimeOf(90_000 - 45_000)).as("a frame before the report").isEqualTo(T0.minusMillis(500));
    }

    @Test
    void timestampsAcrossThe32BitWrapAreTakenTheNearerWayRound() throws Exception {
        sr(SSRC, T0, 0xFFFF_FFFFL - 8999); // 0.1 s before the wrap
        TrackClock clock = rtcp.clock().orElseThrow();

        assertThat(clock.ntpTimeOf(9000)).as("0.2 s later, past the wrap").isEqualTo(T0.plusMillis(200));
        assertThat(clock.ntpTimeOf(0xFFFF_FFFFL - 17999)).isEqualTo(T0.minusMillis(100));
    }

    @Test
    void aReportOfAnotherSourceIsNotThisTracks_andANewSourceForgetsTheOldClock() throws Exception {
        rtp(SSRC, 1000);
        sr(0x9999, T0, 5000);
        assertThat(rtcp.clock()).as("another SSRC's report").isEmpty();

        sr(SSRC, T0, 5000);
        assertThat(rtcp.clock()).isPresent();

        rtp(0x5678, 77);
        assertThat(rtcp.clock()).as("the camera restarted its stream: new random RTP offset").isEmpty();
    }

    private void rtp(long ssrc, long ts) throws Exception {
        byte[] p = RtpPacket.builder().payloadType(96).ssrc(ssrc).sequenceNumber(1).timestamp(ts).payload(new byte[] {1}).build().toBytes();
        rtcp.onRtp(RtpPacket.parse(p, 0, p.length), 1);
    }

    private void sr(long ssrc, Instant at, long rtpTimestamp) throws Exception {
        byte[] b = RtcpCompound.write(List.of(new SenderReport(ssrc, NtpTime.fromInstant(at), rtpTimestamp, 10, 1000, List.of()),
                SourceDescription.cname(ssrc, "cam")));
        rtcp.onRtcp(b, 0, b.length, 2);
    }
}
