package io.gscam.media.g726;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.container.Track;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.rtp.RtpPacket;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * G.726 over RTP (RFC 3551 section 4.5.4), clock 8000, dynamic payload types: {@code G726-16},
 * {@code -24}, {@code -32}, {@code -40}, their {@code AAL2-} forms and a bare {@code G726}. A sample
 * is one payload's code words packed as the encoding name declares, so anything that knows only the
 * rtpmap name (a recorder, {@code G726Mode.forEncodingName(name).newDecoder()}) reads it right.
 * Devices mislabel the packing: with a packing override, the wire is taken to carry that packing
 * whatever the name says, and the reader repacks each payload to the declared packing (the writer
 * the other way, which makes a mislabelling device). A payload that is not a whole number of
 * code-word groups (3 bytes at 24 kbit/s, 5 at 40) is dropped and counted.
 */
public final class G726PayloadFormat implements PayloadFormat {
    public static final int CLOCK_RATE = 8000;

    private final G726Packing packingOverride;

    /** The packing follows the encoding name. */
    public G726PayloadFormat() {
        this.packingOverride = null;
    }

    /**
     * Every stream's wire carries {@code packingOverride}, whatever its encoding name says; samples
     * still come out (and go in) packed as the name declares.
     */
    public G726PayloadFormat(G726Packing packingOverride) {
        this.packingOverride = Objects.requireNonNull(packingOverride, "packingOverride");
    }

    @Override
    public Set<String> encodingNames() {
        Set<String> names = new LinkedHashSet<>();
        for (G726Packing packing : G726Packing.values()) {
            for (G726Rate rate : G726Rate.values()) {
                names.add(new G726Mode(rate, packing).encodingName());
            }
        }
        names.add("G726");
        return Set.copyOf(names);
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    /** The stream's rate and packing on the wire: from its encoding name, with this format's override applied. */
    public G726Mode mode(MediaFormat format) {
        G726Mode declared = declaredMode(format);
        return packingOverride == null ? declared : declared.withPacking(packingOverride);
    }

    private static G726Mode declaredMode(MediaFormat format) {
        return G726Mode.forEncodingName(format.encodingName()).orElseThrow(
                () -> new IllegalArgumentException("not a G.726 encoding name: " + format.encodingName()));
    }

    @Override
    public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
        return new Reader(mode(format), declaredMode(format).packing(), Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public RtpPayloadWriter newWriter(MediaFormat format) {
        G726Mode wire = mode(format);
        G726Packing declared = declaredMode(format).packing();
        return sample -> {
            if (!wire.fits(sample.data().length)) {
                throw new IllegalArgumentException(sample.data().length + " bytes are not whole groups of "
                        + wire.rate().bytesPerGroup() + " for " + wire.encodingName());
            }
            return List.of(new RtpPayload(repack(sample.data(), wire.rate(), declared, wire.packing()), false));
        };
    }

    /**
     * G.726 as the encoding name declares it: samples leave the reader in the declared packing
     * whatever the wire's override, so the container says that packing (a bare {@code G726} is
     * 32 kbit/s, RFC 3551 packing).
     */
    @Override
    public Optional<Track> containerTrack(MediaFormat format, StreamFormat stream) {
        G726Mode declared = declaredMode(format);
        return Optional.of(Track.g726(declared.rate().bitsPerSample(), declared.packing()));
    }

    private static byte[] repack(byte[] data, G726Rate rate, G726Packing from, G726Packing to) {
        return from == to ? data : G726BitPacker.repack(data, rate.bitsPerSample(), from, to);
    }

    private static final class Reader implements RtpPayloadReader {
        private final G726Mode wire;
        private final G726Packing declared;
        private final SampleSink sink;
        private long dropped;

        Reader(G726Mode wire, G726Packing declared, SampleSink sink) {
            this.wire = wire;
            this.declared = declared;
            this.sink = sink;
        }

        @Override
        public void consume(RtpPacket packet) {
            byte[] payload = packet.payload();
            if (!wire.fits(payload.length)) {
                dropped++;
                return;
            }
            sink.onSample(MediaSample.audio(packet.timestamp(), repack(payload, wire.rate(), wire.packing(), declared)));
        }

        @Override
        public long droppedSamples() {
            return dropped;
        }
    }
}
