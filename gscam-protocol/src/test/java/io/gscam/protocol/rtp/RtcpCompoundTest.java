package io.gscam.protocol.rtp;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtcpCompoundTest {
    private static final HexFormat HEX = HexFormat.of();

    // SR: ssrc deadbeef, NTP e8f0c2a1.80000000, RTP ts 90000, 100 packets, 64000 octets, no blocks.
    private static final String SR = "80c80006" + "deadbeef" + "e8f0c2a180000000" + "00015f90" + "00000064" + "0000fa00";
    // SDES: one chunk, CNAME "gscam1", null terminator and three bytes of chunk padding.
    private static final String SDES = "81ca0004" + "deadbeef" + "0106" + "677363616d31" + "00000000";
    // RR from 11223344 on deadbeef: 25% lost, cumulative -2, ext seq 0x00010005, jitter 16, LSR, DLSR 1 s.
    private static final String RR = "81c90007" + "11223344" + "deadbeef" + "40fffffe" + "00010005" + "00000010" + "c2a18000" + "00010000";

    /** Found by fuzzing: padding ended the SDES body off a 32-bit boundary and the next chunk's alignment ran past it. */
    @Test
    void parse_paddedSdesWhoseNextChunkLiesPastTheBody_raisesParseError() {
        byte[] sdes = HEX.parseHex("a2ca0002" + "11223344" + "00" + "0000" + "03"); // 2 chunks, 3 octets of padding
        assertThatThrownBy(() -> RtcpCompound.parse(sdes)).isInstanceOf(ParseException.class)
                .hasMessageContaining("SDES chunk 1 of 2 past the end of the packet");
    }

    @Test
    void parse_senderReportWithSdes_readsEveryField() throws Exception {
        List<RtcpPacket> packets = RtcpCompound.parse(HEX.parseHex(SR + SDES));
        assertThat(packets).containsExactly(
                new SenderReport(0xDEADBEEFL, 0xE8F0C2A180000000L, 90000, 100, 64000, List.of()),
                SourceDescription.cname(0xDEADBEEFL, "gscam1"));
        assertThat(((SourceDescription) packets.get(1)).cnameOf(0xDEADBEEFL)).hasValue("gscam1");
        assertThat(HEX.formatHex(RtcpCompound.write(packets))).isEqualTo(SR + SDES);
    }

    @Test
    void parse_receiverReportBlock_signExtendsCumulativeLoss() throws Exception {
        ReceiverReport rr = (ReceiverReport) RtcpCompound.parse(HEX.parseHex(RR)).get(0);
        assertThat(rr.ssrc()).isEqualTo(0x11223344L);
        assertThat(rr.reportBlocks()).containsExactly(
                new ReportBlock(0xDEADBEEFL, 64, -2, 0x10005L, 16, 0xC2A18000L, 0x10000L));
        assertThat(HEX.formatHex(rr.toBytes())).isEqualTo(RR);
    }

    @Test
    void parse_goodbyeWithReason_readsReasonAndRewritesPadded() throws Exception {
        String bye = "81cb0003" + "deadbeef" + "07" + "676f6f64627965";
        assertThat(RtcpCompound.parse(HEX.parseHex(bye))).containsExactly(Goodbye.of(0xDEADBEEFL, "goodbye"));
        assertThat(HEX.formatHex(Goodbye.of(0xDEADBEEFL, "goodbye").toBytes())).isEqualTo(bye);
        assertThat(HEX.formatHex(Goodbye.of(1).toBytes())).isEqualTo("81cb0001" + "00000001");
    }

    @Test
    void parse_paddedReceiverReport_stripsPadding() throws Exception {
        // P bit, no blocks, 4 bytes of padding whose last byte counts them.
        List<RtcpPacket> packets = RtcpCompound.parse(HEX.parseHex("a0c90002" + "11223344" + "00000004"));
        assertThat(packets).containsExactly(new ReceiverReport(0x11223344L, List.of()));
        assertThat(HEX.formatHex(RtcpCompound.write(packets))).isEqualTo("80c90001" + "11223344");
    }

    @Test
    void parse_appAndPictureLossIndication_areKeptWhole() throws Exception {
        String app = "80cc0002" + "11223344" + "6e616d65";
        String pli = "81ce0002" + "11223344" + "deadbeef";
        List<RtcpPacket> packets = RtcpCompound.parse(HEX.parseHex(RR + app + pli));
        assertThat(packets).hasSize(3);
        assertThat(packets.get(1)).isEqualTo(new UnknownRtcp(204, 0, HEX.parseHex("112233446e616d65")));
        assertThat(packets.get(2)).isEqualTo(new UnknownRtcp(206, 1, HEX.parseHex("11223344deadbeef")));
        assertThat(HEX.formatHex(RtcpCompound.write(packets))).isEqualTo(RR + app + pli);
    }

    @Test
    void write_unknownPayloadNotWholeWords_isPaddedAndReadBack() throws Exception {
        UnknownRtcp odd = new UnknownRtcp(207, 0, HEX.parseHex("0102030405"));
        assertThat(HEX.formatHex(odd.toBytes())).isEqualTo("a0cf0002" + "01020304" + "05000003");
        assertThat(RtcpCompound.parse(odd.toBytes())).containsExactly(odd);
    }

    @Test
    void parse_sdesWithoutTerminatorAtPacketEnd_isTolerated() throws Exception {
        SourceDescription sdes = (SourceDescription) RtcpCompound.parse(HEX.parseHex("81ca0002" + "00000001" + "01026162")).get(0);
        assertThat(sdes.cnameOf(1)).hasValue("ab");
    }

    @Test
    void parse_wrongVersion_raisesParseError() {
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("40c90001" + "11223344")))
                .isInstanceOf(ParseException.class).hasMessageContaining("version 1");
    }

    @Test
    void parse_lengthPastTheData_raisesParseErrorAtThatPacket() {
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex(SR + "81c90007" + "11223344")))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(28));
    }

    @Test
    void parse_reportCountLargerThanPacket_raisesParseError() {
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("82c90001" + "11223344")))
                .isInstanceOf(ParseException.class).hasMessageContaining("report blocks");
    }

    @Test
    void parse_badPaddingAndTruncatedInput_raiseParseError() {
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("a0c90001" + "11223300")))
                .isInstanceOf(ParseException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("a0c90001" + "11223309")))
                .isInstanceOf(ParseException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> RtcpCompound.parse(new byte[0])).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("80c9"))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("81cb0001" + "00000001" + "81cb0001" + "00000001".substring(2))))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void parse_byeReasonLongerThanPacket_raisesParseError() {
        assertThatThrownBy(() -> RtcpCompound.parse(HEX.parseHex("81cb0002" + "00000001" + "09616263")))
                .isInstanceOf(ParseException.class).hasMessageContaining("reason");
    }

    @Test
    void records_outOfRangeFields_areRejected() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverReport(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownRtcp(200, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceDescription.Item(SourceDescription.CNAME, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ReportBlock.clampCumulativeLost(10_000_000)).isEqualTo(ReportBlock.MAX_CUMULATIVE_LOST);
        assertThat(ReportBlock.clampCumulativeLost(-10_000_000)).isEqualTo(ReportBlock.MIN_CUMULATIVE_LOST);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("compounds")
    void parseOfWrite_isIdentity(List<RtcpPacket> packets) throws Exception {
        byte[] bytes = RtcpCompound.write(packets);
        assertThat(bytes.length % 4).isZero();
        assertThat(RtcpCompound.parse(bytes)).isEqualTo(packets);
    }

    @FuzzTest
    void arbitraryBytes_parseOrRaiseParseError(byte[] bytes) {
        try {
            List<RtcpPacket> packets = RtcpCompound.parse(bytes);
            assertThat(packets).isNotEmpty();
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    /** Valid compounds with one byte changed: deeper into the parser than noise gets. */
    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("mutations")
    void mutatedValidCompounds_parseOrRaiseParseError(List<RtcpPacket> packets, int position, byte value) {
        byte[] bytes = RtcpCompound.write(packets);
        bytes[Math.floorMod(position, bytes.length)] = value;
        try {
            RtcpCompound.parse(bytes);
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    static Stream<List<RtcpPacket>> compounds() {
        return Generators.cases(1000, RtcpCompoundTest::compound);
    }

    static Stream<Arguments> mutations() {
        return Generators.arguments(1000, r -> new Object[] {compound(r), r.nextInt(), (byte) r.nextInt(256)});
    }

    private static long u32(SplittableRandom r) {
        return Generators.between(r, 0L, 0xFFFFFFFFL);
    }

    private static ReportBlock block(SplittableRandom r) {
        return new ReportBlock(u32(r), Generators.between(r, 0, 255),
                Generators.between(r, ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST),
                u32(r), u32(r), u32(r), u32(r));
    }

    private static String text(SplittableRandom r) {
        return Generators.string(r, 'a', 'z', "é @中", "", 0, 40);
    }

    private static List<RtcpPacket> compound(SplittableRandom r) {
        return Generators.list(r, 1, 5, p -> switch (p.nextInt(5)) {
            case 0 -> new SenderReport(u32(p), p.nextLong(), u32(p), u32(p), u32(p),
                    Generators.list(p, 0, 31, RtcpCompoundTest::block));
            case 1 -> new ReceiverReport(u32(p), Generators.list(p, 0, 31, RtcpCompoundTest::block));
            case 2 -> new SourceDescription(Generators.list(p, 0, 5, c -> new SourceDescription.Chunk(u32(c),
                    Generators.list(c, 0, 4, i -> new SourceDescription.Item(Generators.between(i, 1, 255), text(i))))));
            case 3 -> new Goodbye(Generators.list(p, 0, 31, RtcpCompoundTest::u32),
                    Generators.optional(p, 0.8, RtcpCompoundTest::text));
            default -> new UnknownRtcp(Generators.between(p, 204, 255), Generators.between(p, 0, 31),
                    Generators.bytes(p, 0, 64));
        });
    }
}
