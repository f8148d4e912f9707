package io.gscam.camera.stream;

import io.gscam.media.MediaKind;
import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Mode;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726PayloadFormat;
import io.gscam.media.g726.G726Rate;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.camera.source.AudioEncoder;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An audio codec a channel can send ({@code --audio CH=..}) and how it goes on the wire: G.711
 * mu-law (static payload type 0, {@code PCMU/8000}) or A-law (8, {@code PCMA/8000}), or G.726 at 16,
 * 24, 32 or 40 kbit/s on dynamic payload type {@value #G726_PAYLOAD_TYPE}, as {@code G726-32/8000}
 * (RFC 3551's little-endian packing) or {@code AAL2-G726-32/8000} (big-endian).
 *
 * @param name        the command-line name: {@code pcmu}, {@code pcma}, {@code g726-32}, {@code aal2-g726-32}
 * @param format      the SDP format (payload type, rtpmap)
 * @param bitrateKbps the codec's bit rate
 */
public record AudioCodec(String name, MediaFormat format, int bitrateKbps) {
    /** The dynamic payload type of G.726 (H.264 has 96). */
    public static final int G726_PAYLOAD_TYPE = 97;
    public static final int SAMPLE_RATE = 8000;
    /** The names {@link #parse} accepts, for error messages and help. */
    public static final String NAMES = "pcmu, pcma, g726-16, g726-24, g726-32, g726-40 (or aal2-g726-NN), none";

    public AudioCodec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
    }

    /**
     * The codec a command-line name stands for, or empty for {@code none}.
     *
     * @param g726Packing the packing of a plain {@code g726-NN}; {@code aal2-g726-NN} is always AAL2
     * @throws IllegalArgumentException naming the accepted names, for anything else
     */
    public static Optional<AudioCodec> parse(String name, G726Packing g726Packing) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "none" -> {
                return Optional.empty();
            }
            case "pcmu", "g711u", "ulaw" -> {
                return Optional.of(g711(G711Law.MU_LAW));
            }
            case "pcma", "g711a", "alaw" -> {
                return Optional.of(g711(G711Law.A_LAW));
            }
            default -> {
                Optional<G726Mode> mode = G726Mode.forEncodingName(n);
                // A bare "g726" is a receiver's guess, not a choice a sender should make silently.
                if (mode.isEmpty() || n.equals("g726")) {
                    throw new IllegalArgumentException("audio codec " + name + " is not one of " + NAMES);
                }
                G726Mode m = n.startsWith("aal2-") ? mode.get() : mode.get().withPacking(g726Packing);
                return Optional.of(g726(m.rate(), m.packing()));
            }
        }
    }

    /** As {@link #parse(String, G726Packing)} with RFC 3551 packing for a plain {@code g726-NN}. */
    public static Optional<AudioCodec> parse(String name) {
        return parse(name, G726Packing.RFC3551_LE);
    }

    public static AudioCodec g711(G711Law law) {
        return law == G711Law.MU_LAW
                ? new AudioCodec("pcmu", new MediaFormat(MediaKind.AUDIO, 0, "PCMU", SAMPLE_RATE, 1, Map.of()), 64)
                : new AudioCodec("pcma", new MediaFormat(MediaKind.AUDIO, 8, "PCMA", SAMPLE_RATE, 1, Map.of()), 64);
    }

    public static AudioCodec g726(G726Rate rate, G726Packing packing) {
        G726Mode mode = new G726Mode(rate, packing);
        return new AudioCodec(mode.encodingName().toLowerCase(Locale.ROOT),
                new MediaFormat(MediaKind.AUDIO, G726_PAYLOAD_TYPE, mode.encodingName(), G726PayloadFormat.CLOCK_RATE, 1, Map.of()),
                rate.kbitPerSecond());
    }

    /**
     * A fresh encoder for one stream. G.726 keeps its ADPCM state from call to call, so a stream
     * must encode all its audio, in order, with one encoder.
     */
    public AudioEncoder newEncoder() {
        return switch (format.encodingKey()) {
            case "PCMU" -> G711Law.MU_LAW::encode;
            case "PCMA" -> G711Law.A_LAW::encode;
            default -> G726Mode.forEncodingName(format.encodingName()).orElseThrow().newEncoder()::encode;
        };
    }
}
