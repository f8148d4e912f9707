package io.gscam.media.container;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvcDecoderConfigurationRecordTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPS = HEX.parseHex("6742c01e95a0b04b20");
    private static final byte[] PPS = HEX.parseHex("68ce3c80");

    @Test
    void of_baselineSpsAndPps_buildsTheRecordByteForByte() {
        byte[] avcC = AvcDecoderConfigurationRecord.of(List.of(SPS), List.of(PPS)).toBytes();
        assertThat(HEX.formatHex(avcC)).isEqualTo(
                "01" + "42c01e" + "ff" + "e1" + "0009" + "6742c01e95a0b04b20" + "01" + "0004" + "68ce3c80");
    }

    @Test
    void of_highProfile_appendsChromaAndBitDepthFields() {
        byte[] high = HEX.parseHex("6764001facd9");
        byte[] avcC = AvcDecoderConfigurationRecord.of(List.of(high), List.of(PPS)).toBytes();
        assertThat(HEX.formatHex(avcC)).endsWith("68ce3c80" + "fdf8f800");
    }

    @Test
    void parse_readsBackWhatWasBuilt() throws ParseException {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(
                AvcDecoderConfigurationRecord.of(List.of(SPS), List.of(PPS)).toBytes());
        assertThat(r.profile()).isEqualTo(0x42);
        assertThat(r.level()).isEqualTo(0x1e);
        assertThat(r.lengthSize()).isEqualTo(4);
        assertThat(r.sps()).singleElement().isEqualTo(SPS);
        assertThat(r.pps()).singleElement().isEqualTo(PPS);
    }

    @Test
    void parse_parameterSetPastTheEnd_raisesParseException() {
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(HEX.parseHex("0142c01effe100206742")))
                .isInstanceOf(ParseException.class);
    }

    @FuzzTest
    void parse_arbitraryBytes_parsesOrRaisesParseException(byte[] bytes) {
        try {
            AvcDecoderConfigurationRecord.parse(bytes);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
        }
    }
}
