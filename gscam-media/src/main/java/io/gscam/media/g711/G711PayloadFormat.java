package io.gscam.media.g711;

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

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * G.711 over RTP (RFC 3551 section 4.5.14): {@code PCMU} (static payload type 0) and {@code PCMA}
 * (8), clock 8000, one byte per sample. A sample is one payload's codes, unchanged; the writer puts
 * a sample in one payload with the marker clear (gscam sends no silence suppression, after which
 * the marker would be set). An empty payload is dropped and counted.
 */
public final class G711PayloadFormat implements PayloadFormat {
    public static final int CLOCK_RATE = 8000;

    private static final G711PayloadFormat PCMU = new G711PayloadFormat(G711Law.MU_LAW, "PCMU", 0);
    private static final G711PayloadFormat PCMA = new G711PayloadFormat(G711Law.A_LAW, "PCMA", 8);

    private final G711Law law;
    private final String encodingName;
    private final int staticPayloadType;

    private G711PayloadFormat(G711Law law, String encodingName, int staticPayloadType) {
        this.law = law;
        this.encodingName = encodingName;
        this.staticPayloadType = staticPayloadType;
    }

    /** mu-law, {@code PCMU}, payload type 0. */
    public static G711PayloadFormat pcmu() {
        return PCMU;
    }

    /** A-law, {@code PCMA}, payload type 8. */
    public static G711PayloadFormat pcma() {
        return PCMA;
    }

    /** The format of {@code law}: {@link #pcmu()} or {@link #pcma()}. */
    public static G711PayloadFormat of(G711Law law) {
        return switch (Objects.requireNonNull(law, "law")) {
            case MU_LAW -> PCMU;
            case A_LAW -> PCMA;
        };
    }

    /** The SDP format: the static payload type, {@code PCMU/8000} or {@code PCMA/8000}, mono. */
    public MediaFormat mediaFormat() {
        return new MediaFormat(MediaKind.AUDIO, staticPayloadType, encodingName, CLOCK_RATE, 1, Map.of());
    }

    public G711Law law() {
        return law;
    }

    public String encodingName() {
        return encodingName;
    }

    /** The RFC 3551 static payload type: 0 or 8. */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    @Override
    public Set<String> encodingNames() {
        return Set.of(encodingName);
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
        return new Reader(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public RtpPayloadWriter newWriter(MediaFormat format) {
        return sample -> {
            if (sample.data().length == 0) {
                throw new IllegalArgumentException("empty G.711 sample");
            }
            return List.of(new RtpPayload(sample.data(), false));
        };
    }

    /** G.711 as it is, at the stream's clock rate (which RFC 3551 makes its sample rate). */
    @Override
    public Optional<Track> containerTrack(MediaFormat format, StreamFormat stream) {
        return Optional.of(law == G711Law.MU_LAW ? Track.pcmu(format.clockRate()) : Track.pcma(format.clockRate()));
    }

    @Override
    public String toString() {
        return encodingName + "/" + CLOCK_RATE;
    }

    private static final class Reader implements RtpPayloadReader {
        private final SampleSink sink;
        private long dropped;

        Reader(SampleSink sink) {
            this.sink = sink;
        }

        @Override
        public void consume(RtpPacket packet) {
            if (packet.payloadLength() == 0) {
                dropped++;
                return;
            }
            sink.onSample(MediaSample.audio(packet.timestamp(), packet.payload()));
        }

        @Override
        public long droppedSamples() {
            return dropped;
        }
    }
}
