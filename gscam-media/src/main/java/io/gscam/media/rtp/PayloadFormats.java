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

    private PayloadFormats(Map<String, PayloadFormat> byName) {
        this.byName = byName;
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

    /**
     * This registry with {@code format} serving every encoding name it declares, in place of the
     * format that served that name here (for example a {@code G726PayloadFormat} with a packing
     * override for one session); the other names keep their formats.
     */
    public PayloadFormats with(PayloadFormat format) {
        Map<String, PayloadFormat> m = new LinkedHashMap<>(byName);
        for (String name : format.encodingNames()) {
            m.put(name.toUpperCase(Locale.ROOT), format);
        }
        return new PayloadFormats(Map.copyOf(m));
    }

    public Optional<PayloadFormat> find(MediaFormat format) {
        return find(format.encodingName());
    }

    public Optional<PayloadFormat> find(String encodingName) {
        return Optional.ofNullable(byName.get(encodingName.toUpperCase(Locale.ROOT)));
    }
}
