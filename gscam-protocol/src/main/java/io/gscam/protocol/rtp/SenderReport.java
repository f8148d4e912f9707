package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * An RTCP sender report, SR (RFC 3550 section 6.4.1). Profile-specific extensions after the report
 * blocks are skipped when read and never written.
 *
 * @param ntpTimestamp 64-bit NTP wallclock time of this report (see {@link NtpTime})
 * @param rtpTimestamp the same instant in the stream's RTP timestamp units
 * @param packetCount  RTP packets sent since the start (32-bit, wraps)
 * @param octetCount   payload octets sent since the start (32-bit, wraps)
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reportBlocks) implements RtcpPacket {
    static final int FIXED_SIZE = 24;

    public SenderReport {
        RtcpChecks.u32(ssrc, "SSRC");
        RtcpChecks.u32(rtpTimestamp, "RTP timestamp");
        RtcpChecks.u32(packetCount, "packet count");
        RtcpChecks.u32(octetCount, "octet count");
        reportBlocks = List.copyOf(Objects.requireNonNull(reportBlocks, "reportBlocks"));
        RtcpChecks.count(reportBlocks.size(), "report blocks");
    }

    @Override
    public int packetType() {
        return TYPE_SENDER_REPORT;
    }

    @Override
    public int size() {
        return RtcpChecks.HEADER_SIZE + FIXED_SIZE + ReportBlock.SIZE * reportBlocks.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpChecks.writeHeader(out, reportBlocks.size(), TYPE_SENDER_REPORT, size());
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        reportBlocks.forEach(b -> b.writeTo(out));
    }
}
