package io.gscam.media.g726;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a G.726 stream's rtpmap encoding name says: the rate and the bit packing. {@code G726-xx}
 * is RFC 3551's little-endian packing, {@code AAL2-G726-xx} the big-endian AAL2 packing, and a
 * bare {@code G726} (sent by some cameras) is read as {@code G726-32}.
 */
public record G726Mode(G726Rate rate, G726Packing packing) {
    private static final String AAL2_PREFIX = "AAL2-";

    public G726Mode {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(packing, "packing");
    }

    /** The mode an encoding name stands for, or empty when it is not a G.726 name. */
    public static Optional<G726Mode> forEncodingName(String encodingName) {
        String name = encodingName.toUpperCase(Locale.ROOT);
        G726Packing packing = G726Packing.RFC3551_LE;
        if (name.startsWith(AAL2_PREFIX)) {
            packing = G726Packing.AAL2_BE;
            name = name.substring(AAL2_PREFIX.length());
        }
        if (name.equals("G726") && packing == G726Packing.RFC3551_LE) {
            return Optional.of(new G726Mode(G726Rate.KBPS_32, packing));
        }
        for (G726Rate rate : G726Rate.values()) {
            if (name.equals("G726-" + rate.kbitPerSecond())) {
                return Optional.of(new G726Mode(rate, packing));
            }
        }
        return Optional.empty();
    }

    /** The same rate with another packing: the override for devices that mislabel theirs. */
    public G726Mode withPacking(G726Packing other) {
        return new G726Mode(rate, other);
    }

    /** The canonical encoding name, {@code G726-32} or {@code AAL2-G726-32}. */
    public String encodingName() {
        return (packing == G726Packing.AAL2_BE ? AAL2_PREFIX : "") + "G726-" + rate.kbitPerSecond();
    }

    /** Whether a payload of {@code length} bytes holds a whole number of code-word groups. */
    public boolean fits(int length) {
        return length > 0 && length % rate.bytesPerGroup() == 0;
    }

    /** Samples in a payload of {@code length} bytes (that {@link #fits} this mode). */
    public int samples(int length) {
        return length * 8 / rate.bitsPerSample();
    }

    public G726Encoder newEncoder() {
        return new G726Encoder(rate, packing);
    }

    public G726Decoder newDecoder() {
        return new G726Decoder(rate, packing);
    }
}
