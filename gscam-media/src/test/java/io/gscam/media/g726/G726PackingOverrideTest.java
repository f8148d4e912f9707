package io.gscam.media.g726;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packing override for devices that mislabel G.726: the wire carries the override's packing,
 * samples carry the packing the rtpmap name declares, so a consumer that trusts the name (the
 * recorder, a decoder from {@link G726Mode#forEncodingName}) decodes the device's audio right.
 */
class G726PackingOverrideTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void consume_labelledG726_32ButSentAal2_isRepackedToTheLabelsPacking() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = new G726PayloadFormat(G726Packing.AAL2_BE).newReader(format("G726-32"), out::add);

        // code words 1, 2, 3, 4 MSB-first on the wire; the label (RFC 3551) wants them LSB-first
        reader.consume(packet(HEX.parseHex("1234")));

        assertThat(out).extracting(s -> HEX.formatHex(s.data())).containsExactly("2143");
    }

    @Test
    void consume_overrideEqualToTheLabel_passesThePayloadThrough() {
        List<MediaSample> out = new ArrayList<>();
        byte[] payload = HEX.parseHex("123456");
        RtpPayloadReader reader = new G726PayloadFormat(G726Packing.AAL2_BE).newReader(format("AAL2-G726-24"), out::add);

        reader.consume(packet(payload));

        assertThat(out.get(0).data()).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0} sent as {1}")
    @CsvSource({"G726-16, AAL2_BE", "G726-24, AAL2_BE", "G726-32, AAL2_BE", "G726-40, AAL2_BE",
            "AAL2-G726-16, RFC3551_LE", "AAL2-G726-24, RFC3551_LE", "AAL2-G726-32, RFC3551_LE",
            "AAL2-G726-40, RFC3551_LE", "G726, AAL2_BE"})
    void mislabellingDevice_decodesAsTheLabelSaysAfterTheOverride(String name, G726Packing actual) {
        G726Mode declared = G726Mode.forEncodingName(name).orElseThrow();
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        byte[] sample = declared.newEncoder().encode(pcm);
        // a device that packs as `actual` but labels the stream `name`: the override's writer makes one
        List<RtpPayload> wire = new G726PayloadFormat(actual).newWriter(format(name)).payloads(MediaSample.audio(0, sample));
        assertThat(wire.get(0).bytes()).isEqualTo(G726BitPacker.repack(sample, declared.rate().bitsPerSample(),
                declared.packing(), actual));

        List<MediaSample> out = new ArrayList<>();
        new G726PayloadFormat(actual).newReader(format(name), out::add).consume(packet(wire.get(0).bytes()));

        assertThat(out.get(0).data()).isEqualTo(sample);
        assertThat(declared.newDecoder().decode(out.get(0).data())).isEqualTo(declared.newDecoder().decode(sample));
    }

    @Test
    void consume_misfitLengthWithOverride_isStillDroppedAndCounted() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = new G726PayloadFormat(G726Packing.RFC3551_LE).newReader(format("AAL2-G726-40"), out::add);

        reader.consume(packet(new byte[7]));

        assertThat(out).isEmpty();
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    private static MediaFormat format(String name) {
        return new MediaFormat(MediaKind.AUDIO, 97, name, 8000, 1, Map.of());
    }

    private static RtpPacket packet(byte[] payload) {
        return RtpPacket.builder().payloadType(97).sequenceNumber(1).timestamp(0).ssrc(1).payload(payload).build();
    }
}
