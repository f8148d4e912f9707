package io.gscam.media.g711;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class G711PayloadFormatTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final MediaFormat PCMU = new MediaFormat(MediaKind.AUDIO, 0, "PCMU", 8000, 1, Map.of());

    @Test
    void registry_findsPcmuAndPcma() {
        assertThat(PayloadFormats.standard().find("pcmu")).containsSame(G711PayloadFormat.pcmu());
        assertThat(PayloadFormats.standard().find("PCMA")).containsSame(G711PayloadFormat.pcma());
        assertThat(G711PayloadFormat.pcmu().staticPayloadType()).isZero();
        assertThat(G711PayloadFormat.pcma().staticPayloadType()).isEqualTo(8);
    }

    @Test
    void consume_packet_deliversItsCodesWithTheTimestamp() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = G711PayloadFormat.pcmu().newReader(PCMU, out::add);

        reader.consume(packet(7, 1600, HEX.parseHex("ff7f0080")));

        assertThat(out).containsExactly(MediaSample.audio(1600, HEX.parseHex("ff7f0080")));
        assertThat(reader.droppedSamples()).isZero();
    }

    @Test
    void consume_emptyPayload_isDroppedAndCounted() {
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = G711PayloadFormat.pcma().newReader(PCMU, out::add);

        reader.consume(packet(1, 0, new byte[0]));
        reader.consume(packet(2, 160, HEX.parseHex("d5")));

        assertThat(out).containsExactly(MediaSample.audio(160, HEX.parseHex("d5")));
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @Test
    void payloads_sampleOf160Bytes_isOnePayloadWithoutMarker() {
        byte[] codes = G711Law.MU_LAW.encode(new short[160]);

        List<RtpPayload> payloads = G711PayloadFormat.pcmu().newWriter(PCMU).payloads(MediaSample.audio(0, codes));

        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).bytes()).isEqualTo(codes);
        assertThat(payloads.get(0).marker()).isFalse();
    }

    @Test
    void payloads_emptySample_isRejected() {
        assertThatThrownBy(() -> G711PayloadFormat.pcmu().newWriter(PCMU).payloads(MediaSample.audio(0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static RtpPacket packet(int seq, long ts, byte[] payload) {
        return RtpPacket.builder().payloadType(0).sequenceNumber(seq).timestamp(ts).ssrc(1).payload(payload).build();
    }
}
