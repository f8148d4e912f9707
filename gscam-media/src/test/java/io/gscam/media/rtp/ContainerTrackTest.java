package io.gscam.media.rtp;

import io.gscam.media.MediaKind;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726PayloadFormat;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each payload format names the container track that keeps its samples as they are. */
class ContainerTrackTest {
    private static Optional<Track> audio(PayloadFormats registry, String name, int rate) {
        MediaFormat format = new MediaFormat(MediaKind.AUDIO, 97, name, rate, 1, Map.of());
        return registry.find(format).flatMap(f -> f.containerTrack(format, StreamFormat.UNKNOWN));
    }

    @Test
    void g711_keepsTheClockRateAsSampleRate() {
        assertThat(audio(PayloadFormats.standard(), "PCMU", 16000).orElseThrow())
                .extracting(Track::codec, Track::sampleRate).containsExactly(TrackCodec.PCMU, 16000);
        assertThat(audio(PayloadFormats.standard(), "pcma", 8000).orElseThrow().codec()).isEqualTo(TrackCodec.PCMA);
    }

    @Test
    void g726_followsTheDeclaredNameEvenWithAWirePackingOverride() {
        PayloadFormats overridden = PayloadFormats.standard().with(new G726PayloadFormat(G726Packing.AAL2_BE));

        assertThat(audio(overridden, "G726-24", 8000).orElseThrow())
                .extracting(Track::bitsPerSample, Track::g726Packing).containsExactly(3, G726Packing.RFC3551_LE);
        assertThat(audio(PayloadFormats.standard(), "AAL2-G726-40", 8000).orElseThrow())
                .extracting(Track::bitsPerSample, Track::g726Packing).containsExactly(5, G726Packing.AAL2_BE);
    }

    @Test
    void aFormatWithoutAContainerTrack_isEmptyByDefault() {
        PayloadFormat bare = new PayloadFormat() {
            @Override
            public java.util.Set<String> encodingNames() {
                return java.util.Set.of("X-TEST");
            }

            @Override
            public MediaKind kind() {
                return MediaKind.AUDIO;
            }

            @Override
            public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RtpPayloadWriter newWriter(MediaFormat format) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(bare.containerTrack(new MediaFormat(MediaKind.AUDIO, 97, "X-TEST", 8000, 1, Map.of()),
                StreamFormat.UNKNOWN)).isEmpty();
    }
}
