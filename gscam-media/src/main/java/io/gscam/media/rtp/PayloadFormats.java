package io.gscam.media.rtp;

import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.media.g726.G726PayloadFormat;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.media.jpeg.JpegPayloadFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of payload formats by rtpmap encoding name. Immutable; {@link #standard()} holds
 * every format gscam implements. Static payload types without an rtpmap (0 PCMU, 8 PCMA, 26 JPEG)
 * are resolved by the SDP layer into a {@link MediaFormat} before they get here.
 */
public final class PayloadFormats {
    private final Map<String, PayloadFormat> byName;

    public PayloadFormats(List<PayloadFormat> formats) {
        Map<String, PayloadFormat> m = new LinkedHashMap<>();
        for (PayloadFormat f : formats) {
            for (String name : f.encodingNames()) {
                if (m.putIfAbsent(name.toUpperCase(Locale.ROOT), f) != null) {
                    throw new IllegalArgumentException("two payload formats for " + name);
                }
            }
        }
        this.byName = Map.copyOf(m);
    }

    /** Every payload format gscam implements. */
    public static PayloadFormats standard() {
        return new PayloadFormats(List.of(
                new H264PayloadFormat(),
                new JpegPayloadFormat(),
                G711PayloadFormat.pcmu(),
                G711PayloadFormat.pcma(),
                new G726PayloadFormat()
        ));
    }

    public Optional<PayloadFormat> find(MediaFormat format) {
        return find(format.encodingName());
    }

    public Optional<PayloadFormat> find(String encodingName) {
        return Optional.ofNullable(byName.get(encodingName.toUpperCase(Locale.ROOT)));
    }
}
