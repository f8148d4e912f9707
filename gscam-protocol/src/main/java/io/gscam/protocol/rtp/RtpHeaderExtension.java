package io.gscam.protocol.rtp;

import java.util.Arrays;
import java.util.Objects;

/** The RTP header extension (RFC 3550 section 5.3.1): a 16-bit profile word and whole 32-bit words of data. */
public record RtpHeaderExtension(int profile, byte[] data) {
    public RtpHeaderExtension {
        Objects.requireNonNull(data, "data");
        if (profile < 0 || profile > 0xFFFF) {
            throw new IllegalArgumentException("extension profile " + profile + " not a 16-bit value");
        }
        if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
            throw new IllegalArgumentException("extension data must be whole 32-bit words, got " + data.length + " bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpHeaderExtension e && profile == e.profile && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return 31 * profile + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RtpHeaderExtension{profile=0x" + Integer.toHexString(profile) + ", " + data.length + "B}";
    }
}
