package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;

/**
 * A pair of UDP ports, RTP first and RTCP second, as in {@code client_port=5000-5001}. Usually
 * {@code rtcp == rtp + 1}, but the header allows any pair and some servers send one.
 */
public record PortRange(int rtp, int rtcp) {
    public PortRange {
        if (rtp < 0 || rtp > 65535 || rtcp < 0 || rtcp > 65535) {
            throw new IllegalArgumentException("port out of range: " + rtp + "-" + rtcp);
        }
    }

    /** The usual pair: RTP on {@code rtp}, RTCP on the next port. */
    public static PortRange of(int rtp) {
        return new PortRange(rtp, rtp + 1);
    }

    /** Parses {@code a-b}; a single {@code a} means {@code a-(a+1)}, as cameras often send it. */
    public static PortRange parse(HeaderValues.Segment value) throws ParseException {
        long[] pair = Pairs.parse(value, 65535, "port");
        return new PortRange((int) pair[0], (int) pair[1]);
    }

    public String format() {
        return rtp + "-" + rtcp;
    }
}
