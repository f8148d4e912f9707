package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * An RTCP receiver report, RR (RFC 3550 section 6.4.2): the reporter's SSRC and up to 31 report
 * blocks. Profile-specific extensions are skipped when read and never written.
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reportBlocks) implements RtcpPacket {
    public ReceiverReport {
        RtcpChecks.u32(ssrc, "SSRC");
        reportBlocks = List.copyOf(Objects.requireNonNull(reportBlocks, "reportBlocks"));
        RtcpChecks.count(reportBlocks.size(), "report blocks");
    }

    @Override
    public int packetType() {
        return TYPE_RECEIVER_REPORT;
    }

    @Override
    public int size() {
        return RtcpChecks.HEADER_SIZE + 4 + ReportBlock.SIZE * reportBlocks.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpChecks.writeHeader(out, reportBlocks.size(), TYPE_RECEIVER_REPORT, size());
        out.putInt((int) ssrc);
        reportBlocks.forEach(b -> b.writeTo(out));
    }
}
