package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;

/**
 * The two interleaved channel numbers of {@code interleaved=0-1}: the {@code $}-frame channel that
 * carries RTP, then the one that carries RTCP.
 */
public record ChannelPair(int rtp, int rtcp) {
    public ChannelPair {
        if (rtp < 0 || rtp > 255 || rtcp < 0 || rtcp > 255) {
            throw new IllegalArgumentException("interleaved channel out of range: " + rtp + "-" + rtcp);
        }
    }

    /** The usual pair: RTP on {@code rtp}, RTCP on the next channel. */
    public static ChannelPair of(int rtp) {
        return new ChannelPair(rtp, rtp + 1);
    }

    /** Parses {@code a-b}; a single {@code a} means {@code a-(a+1)}. */
    public static ChannelPair parse(HeaderValues.Segment value) throws ParseException {
        long[] pair = Pairs.parse(value, 255, "interleaved channel");
        return new ChannelPair((int) pair[0], (int) pair[1]);
    }

    public String format() {
        return rtp + "-" + rtcp;
    }
}
