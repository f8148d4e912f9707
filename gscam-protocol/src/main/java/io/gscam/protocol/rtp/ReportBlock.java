package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;

/**
 * A reception report block of a sender or receiver report (RFC 3550 section 6.4.1).
 *
 * @param ssrc                       the source this block reports on
 * @param fractionLost               packets lost since the previous report, in 1/256 (0..255)
 * @param cumulativeLost             packets lost since reception began, a 24-bit signed value
 *                                   (negative when duplicates arrived)
 * @param extendedHighestSequence    highest sequence number received, with the wrap count in the upper 16 bits
 * @param jitter                     interarrival jitter in RTP timestamp units
 * @param lastSenderReport           middle 32 bits of the last SR's NTP timestamp (LSR), 0 if none
 * @param delaySinceLastSenderReport delay since that SR in 1/65536 s (DLSR), 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    public static final int SIZE = 24;
    public static final int MIN_CUMULATIVE_LOST = -0x800000;
    public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;

    public ReportBlock {
        RtcpChecks.u32(ssrc, "SSRC");
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost " + fractionLost + " not in 0..255");
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost " + cumulativeLost + " not a 24-bit signed value");
        }
        RtcpChecks.u32(extendedHighestSequence, "extended highest sequence");
        RtcpChecks.u32(jitter, "jitter");
        RtcpChecks.u32(lastSenderReport, "LSR");
        RtcpChecks.u32(delaySinceLastSenderReport, "DLSR");
    }

    /** Clamps a loss count to the 24-bit signed field, as RFC 3550 A.3 asks. */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }

    static ReportBlock read(ByteBuffer in) {
        long ssrc = RtcpChecks.u32(in);
        int word = in.getInt();
        int fraction = word >>> 24;
        int lost = (word << 8) >> 8; // sign-extend the 24-bit field
        return new ReportBlock(ssrc, fraction, lost, RtcpChecks.u32(in), RtcpChecks.u32(in),
                RtcpChecks.u32(in), RtcpChecks.u32(in));
    }

    void writeTo(ByteBuffer out) {
        out.putInt((int) ssrc);
        out.putInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        out.putInt((int) extendedHighestSequence);
        out.putInt((int) jitter);
        out.putInt((int) lastSenderReport);
        out.putInt((int) delaySinceLastSenderReport);
    }
}
