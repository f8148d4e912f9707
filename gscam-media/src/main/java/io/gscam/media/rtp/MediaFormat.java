package io.gscam.media.rtp;

import io.gscam.media.MediaKind;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A payload format as an SDP media section names it: {@code a=rtpmap:<payloadType>
 * <encodingName>/<clockRate>[/<channels>]} plus the {@code a=fmtp} parameters. The encoding name is
 * kept as sent; {@link #encodingKey()} is its upper-case form for registry look-ups.
 */
public record MediaFormat(MediaKind kind, int payloadType, String encodingName, int clockRate, int channels,
                          Map<String, String> fmtp) {
    public MediaFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " not in 0..127");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        fmtp = Map.copyOf(fmtp);
    }

    public String encodingKey() {
        return encodingName.toUpperCase(Locale.ROOT);
    }

    /** An fmtp parameter by name, ignoring case, or null. */
    public String fmtpParameter(String name) {
        for (Map.Entry<String, String> e : fmtp.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
