package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The depacketizer's table handling and loss detection at their edges: table counts, the cache per Q, sequence wrap. */
class JpegPayloadReaderEdgeCaseTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String LUMA = "10".repeat(64);
    private static final String CHROMA = "20".repeat(64);

    private final List<MediaSample> out = new ArrayList<>();
    private final JpegPayloadReader reader = new JpegPayloadReader(out::add);

    @Test
    void consume_everyReservedQ100To127_dropsEachFrameAndCountsIt() {
        int[] reserved = IntStream.rangeClosed(100, 127).toArray();
        int seq = 0;
        for (int q : reserved) {
            reader.consume(packet(seq++, q * 3000L, true, "00000000" + "01" + String.format("%02x", q) + "0201" + "aabb"));
        }
        reader.consume(packet(seq, 0, true, "00000000" + "01" + "63" + "0201" + "cc")); // Q 99: the last standard one

        assertThat(out).extracting(MediaSample::rtpTimestamp).containsExactly(0L);
        assertThat(reader.droppedSamples()).isEqualTo(reserved.length);
    }

    @Test
    void consume_fourInBandTables_areAllWrittenToDqt() throws Exception {
        String tables = LUMA + CHROMA + "30".repeat(64) + "40".repeat(64);
        reader.consume(packet(1, 0, true, "00000000" + "01" + "ff" + "0201" + "00000100" + tables + "aa"));

        assertThat(out).hasSize(1);
        String jfif = HEX.formatHex(out.get(0).data());
        // DQT of 4 * 65 + 2 bytes, tables 0..3
        assertThat(jfif).contains("ffdb0106" + "00" + LUMA + "01" + CHROMA + "02" + "30".repeat(64) + "03" + "40".repeat(64));
        assertThat(JpegFrame.parse(out.get(0).data()).quantizationTables()).isEqualTo(HEX.parseHex(LUMA + CHROMA));
    }

    @Test
    void consume_fiveInBandTables_isDroppedBecauseDqtNumbersOnlyFour() {
        String tables = "10".repeat(64 * 5);
        reader.consume(packet(1, 0, true, "00000000" + "01" + "ff" + "0201" + "00000140" + tables + "aa"));
        reader.consume(packet(2, 3000, true, "00000000" + "01" + "32" + "0201" + "bb"));

        assertThat(out).extracting(MediaSample::rtpTimestamp).containsExactly(3000L);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_sixteenBitTables_areWrittenWithPrecisionOne() throws Exception {
        String tables = "0010".repeat(64) + "0020".repeat(64);
        reader.consume(packet(1, 0, true, "00000000" + "01" + "ff" + "0201" + "00030100" + tables + "aa"));

        JpegFrame frame = JpegFrame.parse(out.get(0).data());
        assertThat(frame.precision()).isEqualTo(3);
        assertThat(frame.quantizationTables()).isEqualTo(HEX.parseHex(tables));
    }

    @Test
    void consume_tablesCachedPerQ_anotherQWithoutTablesIsDropped() {
        reader.consume(packet(1, 0, true, "00000000" + "01" + "c8" + "0201" + "00000080" + LUMA + CHROMA + "aa"));
        reader.consume(packet(2, 3000, true, "00000000" + "01" + "c9" + "0201" + "00000000" + "bb"));

        assertThat(out).extracting(MediaSample::rtpTimestamp).containsExactly(0L);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_newTablesForACachedQ_replaceTheCachedOnes() throws Exception {
        String other = "11".repeat(64) + "22".repeat(64);
        reader.consume(packet(1, 0, true, "00000000" + "01" + "c8" + "0201" + "00000080" + LUMA + CHROMA + "aa"));
        reader.consume(packet(2, 3000, true, "00000000" + "01" + "c8" + "0201" + "00000080" + other + "bb"));
        reader.consume(packet(3, 6000, true, "00000000" + "01" + "c8" + "0201" + "00000000" + "cc"));

        assertThat(out).hasSize(3);
        assertThat(JpegFrame.parse(out.get(2).data()).quantizationTables()).isEqualTo(HEX.parseHex(other));
    }

    @ParameterizedTest(name = "first sequence {0}")
    @ValueSource(ints = {65534, 65535})
    void consume_fragmentLostAcrossSequenceWrap_dropsTheFrame(int first) {
        reader.consume(packet(first, 0, false, "00000000" + "01" + "32" + "0201" + "aaaa"));
        // first + 1 (mod 2^16) lost
        reader.consume(packet((first + 2) & 0xFFFF, 0, true, "00000004" + "01" + "32" + "0201" + "cccc"));
        reader.consume(packet((first + 3) & 0xFFFF, 3000, false, "00000000" + "01" + "32" + "0201" + "dddd"));
        reader.consume(packet((first + 4) & 0xFFFF, 3000, true, "00000002" + "01" + "32" + "0201" + "eeee"));

        assertThat(out).extracting(MediaSample::rtpTimestamp).containsExactly(3000L);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    private static RtpPacket packet(int seq, long ts, boolean marker, String hex) {
        return RtpPacket.builder().payloadType(26).sequenceNumber(seq).timestamp(ts).ssrc(0x1234).marker(marker)
                .payload(HEX.parseHex(hex)).build();
    }
}
