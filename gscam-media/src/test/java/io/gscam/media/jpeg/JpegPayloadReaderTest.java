package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.protocol.rtp.RtpPacket;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.gscam.testkit.FuzzChecks.checkBetween;
import static org.assertj.core.api.Assertions.assertThat;

class JpegPayloadReaderTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Two 8-bit tables, 128 bytes: luminance all 0x10, chrominance all 0x20. */
    private static final String TABLES = "10".repeat(64) + "20".repeat(64);

    private final List<MediaSample> out = new ArrayList<>();
    private final JpegPayloadReader reader = new JpegPayloadReader(out::add);

    @Test
    void consume_q50SinglePacket_rebuildsJfifWithStandardTables() throws Exception {
        // type 1 (4:2:0), Q 50, 16x8 pixels, scan "aabbcc"
        reader.consume(q50(1, 3000, true, 0, "aabbcc"));

        assertThat(out).hasSize(1);
        byte[] image = out.get(0).data();
        assertThat(HEX.formatHex(image, 0, 20)).isEqualTo("ffd8ffe000104a4649460001010000010001" + "0000");
        assertThat(HEX.formatHex(image, image.length - 5, image.length)).isEqualTo("aabbccffd9");
        JpegFrame frame = JpegFrame.parse(image);
        assertThat(frame.type()).isEqualTo(1);
        assertThat(frame.width()).isEqualTo(16);
        assertThat(frame.height()).isEqualTo(8);
        assertThat(frame.restartInterval()).isZero();
        assertThat(frame.quantizationTables()).isEqualTo(JpegTables.scaledQuantizationTables(50));
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(3000);
        assertThat(reader.droppedSamples()).isZero();
    }

    @Test
    void scaledTables_q50IsAnnexK_q1AndQ99Clamp() {
        byte[] q50 = JpegTables.scaledQuantizationTables(50);
        assertThat(HEX.formatHex(q50, 0, 8)).isEqualTo("100b0c0e0c0a100e");   // K.1 in zigzag order
        assertThat(HEX.formatHex(q50, 64, 72)).isEqualTo("1112121815182f1a");  // K.2: 17 18 18 24 21 24 47 26
        assertThat(JpegTables.scaledQuantizationTables(99)[0]).isEqualTo((byte) 1);  // 16 * 2 / 100 rounds to 0, clamped to 1
        assertThat(JpegTables.scaledQuantizationTables(1)[0] & 0xFF).isEqualTo(255); // 16 * 5000 / 100, clamped to 255
    }

    @Test
    void consume_q255InBandTablesInTwoFragments_usesThoseTables() throws Exception {
        reader.consume(packet(10, 0, false, "00000000" + "00" + "ff" + "02" + "01" + "00000080" + TABLES + "0102"));
        reader.consume(packet(11, 0, true, "00000002" + "00" + "ff" + "02" + "01" + "0304"));

        assertThat(out).hasSize(1);
        JpegFrame frame = JpegFrame.parse(out.get(0).data());
        assertThat(frame.type()).isZero();
        assertThat(frame.quantizationTables()).isEqualTo(HEX.parseHex(TABLES));
        assertThat(Arrays.copyOfRange(frame.data(), frame.scanOffset(), frame.scanOffset() + frame.scanLength()))
                .isEqualTo(HEX.parseHex("01020304"));
    }

    @Test
    void consume_q200TablesCached_nextFrameWithoutTablesUsesThem() throws Exception {
        reader.consume(packet(1, 0, true, "00000000" + "01" + "c8" + "02" + "01" + "00000080" + TABLES + "aa"));
        reader.consume(packet(2, 3000, true, "00000000" + "01" + "c8" + "02" + "01" + "00000000" + "bb"));

        assertThat(out).hasSize(2);
        assertThat(JpegFrame.parse(out.get(1).data()).quantizationTables()).isEqualTo(HEX.parseHex(TABLES));
        assertThat(reader.droppedSamples()).isZero();
    }

    @Test
    void consume_q255WithoutTables_isDroppedBecause255IsNeverCached() {
        reader.consume(packet(1, 0, true, "00000000" + "01" + "ff" + "02" + "01" + "00000080" + TABLES + "aa"));
        reader.consume(packet(2, 3000, true, "00000000" + "01" + "ff" + "02" + "01" + "00000000" + "bb"));

        assertThat(out).hasSize(1);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_type65_writesDriFromTheRestartMarkerHeader() throws Exception {
        reader.consume(packet(1, 0, true, "00000000" + "41" + "32" + "02" + "02" + "0003ffff" + "aabb"));

        JpegFrame frame = JpegFrame.parse(out.get(0).data());
        assertThat(frame.type()).isEqualTo(1);
        assertThat(frame.restartInterval()).isEqualTo(3);
        assertThat(HEX.formatHex(out.get(0).data())).contains("ffdd00040003");
    }

    @ParameterizedTest(name = "Q {0}")
    @ValueSource(strings = {"00", "64", "7f"})
    void consume_reservedQ_dropsFrameAndRecoversAtNext(String q) {
        reader.consume(packet(1, 0, false, "00000000" + "01" + q + "02" + "01" + "aa"));
        reader.consume(packet(2, 0, true, "00000001" + "01" + q + "02" + "01" + "bb"));
        reader.consume(q50(3, 3000, true, 0, "cc"));

        assertThat(out).hasSize(1);
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(3000);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @ParameterizedTest(name = "payload [{0}]")
    @ValueSource(strings = {
            "",                                          // empty payload
            "000000000132",                              // main header cut short
            "0000000041320202" + "0003",                 // restart marker header cut short
            "00000000" + "01ff0201" + "0000",            // quantization table header cut short
            "00000000" + "01ff0201" + "00000080" + "1010",  // tables shorter than their length
            "00000000" + "01ff0201" + "00000050" + "10",    // length not whole tables
            "00000000" + "02320201" + "aa",              // type 2: not defined
            "00000000" + "01320001" + "aa"})             // zero width
    void consume_malformedFirstPacket_dropsAndCounts(String hex) {
        reader.consume(packet(1, 0, true, hex));
        reader.consume(q50(2, 3000, true, 0, "cc"));

        assertOnlyTheFrameAt3000Delivered();
    }

    @Test
    void consume_fragmentsOutOfOrder_dropsFrameAndRecovers() {
        reader.consume(q50(1, 0, false, 0, "aaaa"));
        reader.consume(q50(2, 0, false, 4, "cccc")); // offset 4 before 2
        reader.consume(q50(3, 0, true, 2, "bbbb"));
        reader.consume(q50(4, 3000, true, 0, "dd"));

        assertOnlyTheFrameAt3000Delivered();
    }

    @Test
    void consume_missingFragment_dropsFrameAndRecovers() {
        reader.consume(q50(1, 0, false, 0, "aaaa"));
        // sequence 2 lost
        reader.consume(q50(3, 0, true, 4, "cccc"));
        reader.consume(q50(4, 3000, true, 0, "dd"));

        assertOnlyTheFrameAt3000Delivered();
    }

    @Test
    void consume_lastFragmentLost_previousFrameDroppedWhenNextBegins() {
        reader.consume(q50(1, 0, false, 0, "aaaa"));
        reader.consume(q50(2, 3000, true, 0, "dd"));

        assertOnlyTheFrameAt3000Delivered();
    }

    @Test
    void consume_joiningMidFrame_discardsUntilNextFrame() {
        reader.consume(q50(7, 0, false, 0x500, "aaaa"));
        reader.consume(q50(8, 0, true, 0x502, "aaaa"));
        reader.consume(q50(9, 3000, true, 0, "dd"));

        assertOnlyTheFrameAt3000Delivered();
    }

    /** The input is packets in {@link Generators#chunks} framing: bit 0 of the control byte is the marker. */
    @FuzzTest
    void consume_arbitraryPayloads_neverThrow(byte[] input) {
        List<Generators.Chunk> payloads = Generators.chunks(input);
        JpegPayloadReader fuzzed = new JpegPayloadReader(sample -> { }, 1 << 16);
        int seq = 0;
        for (Generators.Chunk p : payloads) {
            fuzzed.consume(RtpPacket.builder().payloadType(26).sequenceNumber(seq++ & 0xFFFF).ssrc(1)
                    .marker((p.control() & 1) != 0).payload(p.payload()).build());
        }
        checkBetween(fuzzed.droppedSamples(), 0, payloads.size(), "dropped samples");
    }

    /** The first frame was dropped and counted; the next one, at RTP time 3000, came through alone. */
    private void assertOnlyTheFrameAt3000Delivered() {
        assertThat(out).extracting(MediaSample::rtpTimestamp).containsExactly(3000L);
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    /** A fragment of a type 1 (4:2:0), Q 50, 16x8-pixel frame at {@code fragmentOffset} of its scan. */
    private static RtpPacket q50(int seq, long ts, boolean marker, int fragmentOffset, String scanHex) {
        return packet(seq, ts, marker, "00" + "%06x".formatted(fragmentOffset) + "01" + "32" + "02" + "01" + scanHex);
    }

    private static RtpPacket packet(int seq, long ts, boolean marker, String hex) {
        return RtpPacket.builder().payloadType(26).sequenceNumber(seq).timestamp(ts).ssrc(0x1234).marker(marker)
                .payload(HEX.parseHex(hex)).build();
    }
}
