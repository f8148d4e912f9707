package io.gscam.media.rtp;

import java.util.Objects;

/** One RTP payload a {@link RtpPayloadWriter} made, with the marker bit its format wants on that packet. */
public record RtpPayload(byte[] bytes, boolean marker) {
    public RtpPayload {
        Objects.requireNonNull(bytes, "bytes");
    }
}
