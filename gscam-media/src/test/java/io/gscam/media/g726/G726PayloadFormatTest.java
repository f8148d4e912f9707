package io.gscam.media.g726;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.PayloadFormats;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class G726PayloadFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "G726-16, KBPS_16, RFC3551_LE",
            "g726-24, KBPS_24, RFC3551_LE",
            "G726-32, KBPS_32, RFC3551_LE",
            "G726-40, KBPS_40, RFC3551_LE",
            "AAL2-G726-16, KBPS_16, AAL2_BE",
            "AAL2-G726-24, KBPS_24, AAL2_BE",
            "aal2-g726-32, KBPS_32, AAL2_BE",
            "AAL2-G726-40, KBPS_40, AAL2_BE",
            "G726, KBPS_32, RFC3551_LE"})
    void mode_fromEncodingName(String name, G726Rate rate, G726Packing packing) {
        assertThat(G726Mode.forEncodingName(name)).contains(new G726Mode(rate, packing));
        assertThat(PayloadFormats.standard().find(name)).get().isInstanceOf(G726PayloadFormat.class);
    }

    @Test
    void mode_notG726_isEmpty() {
        assertThat(G726Mode.forEncodingName("G726-48")).isEmpty();
        assertThat(G726Mode.forEncodingName("AAL2-G726")).isEmpty();
        assertThat(G726Mode.forEncodingName("PCMU")).isEmpty();
    }

    @Test
    void mode_override_replacesThePackingTheNameSays() {
        MediaFormat labelled = format("G726-32");

        assertThat(new G726PayloadFormat(G726Packing.AAL2_BE).mode(labelled))
                .isEqualTo(new G726Mode(G726Rate.KBPS_32, G726Packing.AAL2_BE));
        assertThat(new G726PayloadFormat().mode(labelled))
                .isEqualTo(new G726Mode(G726Rate.KBPS_32, G726Packing.RFC3551_LE));
    }

    @Test
    void consume_wholeGroups_deliversPayloadAsIs() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = new G726PayloadFormat().newReader(format("G726-24"), out::add);

        reader.consume(packet(1, 8000, HEX.parseHex("d1581f29cbb8")));

        assertThat(out).containsExactly(MediaSample.audio(8000, HEX.parseHex("d1581f29cbb8")));
        assertThat(reader.droppedSamples()).isZero();
    }

    @Test
    void consume_payloadNotWholeGroupsOf5Bytes_at40k_isDroppedAndCountedThenRecovers() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = new G726PayloadFormat().newReader(format("AAL2-G726-40"), out::add);

        reader.consume(packet(1, 0, HEX.parseHex("0102030405060708")));   // 8 bytes: not 5k
        reader.consume(packet(2, 160, new byte[0]));                       // empty
        reader.consume(packet(3, 320, HEX.parseHex("0102030405")));

        assertThat(out).containsExactly(MediaSample.audio(320, HEX.parseHex("0102030405")));
        assertThat(reader.droppedSamples()).isEqualTo(2);
    }

    @Test
    void payloads_20msAt32k_isOnePayloadOf80BytesWithoutMarker() {
        PayloadFormat g726 = new G726PayloadFormat();
        byte[] coded = new G726Encoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE).encode(new short[160]);

        List<RtpPayload> payloads = g726.newWriter(format("G726-32")).payloads(MediaSample.audio(0, coded));

        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).bytes()).hasSize(80).isEqualTo(coded);
        assertThat(payloads.get(0).marker()).isFalse();
    }

    @Test
    void payloads_sampleNotWholeGroups_isRejected() {
        assertThatThrownBy(() -> new G726PayloadFormat().newWriter(format("G726-24"))
                .payloads(MediaSample.audio(0, new byte[4])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("G726-24");
    }

    @Test
    void readerThenDecoder_roundTripsThroughRtp() {
        short[] pcm = new short[320];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (4000 * Math.sin(i * 0.3));
        }
        G726Mode mode = new G726Mode(G726Rate.KBPS_40, G726Packing.RFC3551_LE);
        byte[] coded = mode.newEncoder().encode(pcm);
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = new G726PayloadFormat().newReader(format(mode.encodingName()), out::add);
        List<RtpPayload> payloads = new G726PayloadFormat().newWriter(format(mode.encodingName()))
                .payloads(MediaSample.audio(0, coded));

        reader.consume(packet(1, 0, payloads.get(0).bytes()));

        assertThat(mode.samples(out.get(0).data().length)).isEqualTo(pcm.length);
        assertThat(mode.newDecoder().decode(out.get(0).data())).isEqualTo(mode.newDecoder().decode(coded));
    }

    static MediaFormat format(String name) {
        return new MediaFormat(MediaKind.AUDIO, 97, name, 8000, 1, Map.of());
    }

    static RtpPacket packet(int seq, long ts, byte[] payload) {
        return RtpPacket.builder().payloadType(97).sequenceNumber(seq).timestamp(ts).ssrc(1).payload(payload).build();
    }
}
