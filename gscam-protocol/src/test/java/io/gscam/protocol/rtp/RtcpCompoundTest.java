package io.gscam.protocol.rtp;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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

    @Property
    void parseOfWrite_isIdentity(@ForAll("compounds") List<RtcpPacket> packets) throws Exception {
        byte[] bytes = RtcpCompound.write(packets);
        assertThat(bytes.length % 4).isZero();
        assertThat(RtcpCompound.parse(bytes)).isEqualTo(packets);
    }

    @Property
    void arbitraryBytes_parseOrRaiseParseError(@ForAll byte[] bytes) {
        try {
            List<RtcpPacket> packets = RtcpCompound.parse(bytes);
            assertThat(packets).isNotEmpty();
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    @Property
    void mutatedValidCompounds_parseOrRaiseParseError(@ForAll("compounds") List<RtcpPacket> packets,
                                                      @ForAll int position, @ForAll byte value) {
        byte[] bytes = RtcpCompound.write(packets);
        bytes[Math.floorMod(position, bytes.length)] = value;
        try {
            RtcpCompound.parse(bytes);
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    private static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL);
    }

    private static Arbitrary<ReportBlock> blocks() {
        return Combinators.combine(u32(), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST),
                        u32(), u32(), u32(), u32())
                .as(ReportBlock::new);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('é', ' ', '@', '中').ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<RtcpPacket>> compounds() {
        Arbitrary<RtcpPacket> sr = Combinators.combine(u32(), Arbitraries.longs(), u32(), u32(), u32(), blocks().list().ofMaxSize(31))
                .as(SenderReport::new);
        Arbitrary<RtcpPacket> rr = Combinators.combine(u32(), blocks().list().ofMaxSize(31)).as(ReceiverReport::new);
        Arbitrary<SourceDescription.Item> item = Combinators.combine(Arbitraries.integers().between(1, 255), text())
                .as(SourceDescription.Item::new);
        Arbitrary<SourceDescription.Chunk> chunk = Combinators.combine(u32(), item.list().ofMaxSize(4)).as(SourceDescription.Chunk::new);
        Arbitrary<RtcpPacket> sdes = chunk.list().ofMaxSize(5).map(SourceDescription::new);
        Arbitrary<RtcpPacket> bye = Combinators.combine(u32().list().ofMaxSize(31), text().optional())
                .as((ssrcs, reason) -> new Goodbye(ssrcs, reason));
        Arbitrary<RtcpPacket> unknown = Combinators.combine(
                        Arbitraries.integers().between(204, 255), Arbitraries.integers().between(0, 31),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(UnknownRtcp::new);
        return Arbitraries.oneOf(sr, rr, sdes, bye, unknown).list().ofMinSize(1).ofMaxSize(5);
    }
}
