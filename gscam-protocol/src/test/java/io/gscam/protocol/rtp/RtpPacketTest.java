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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void parse_h264FuAPacket_readsEveryHeaderField() throws Exception {
        // V=2, M=1, PT=96, seq=0x1234, ts=0x00015F90 (90000), ssrc=0xDEADBEEF, payload FU-A end fragment
        RtpPacket p = RtpPacket.parse(HEX.parseHex("80e0123400015f90deadbeef7c45aabb"));
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(90000);
        assertThat(p.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(p.payload()).isEqualTo(HEX.parseHex("7c45aabb"));
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("80e0123400015f90deadbeef7c45aabb");
    }

    @Test
    void parse_csrcExtensionAndPadding_stripsPaddingAndKeepsTheRest() throws Exception {
        // X=1, P=1, CC=1; CSRC 0x01020304; extension profile 0xBEDE with 1 word; payload aa; 3 bytes padding
        byte[] in = HEX.parseHex("b1000001" + "00000002" + "00000003" + "01020304" + "bede0001" + "11223344" + "aa" + "000003");
        RtpPacket p = RtpPacket.parse(in);
        assertThat(p.csrcs()).containsExactly(0x01020304L);
        assertThat(p.extension()).isEqualTo(new RtpHeaderExtension(0xBEDE, HEX.parseHex("11223344")));
        assertThat(p.payload()).isEqualTo(HEX.parseHex("aa"));
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("91000001" + "00000002" + "00000003" + "01020304" + "bede0001" + "11223344" + "aa");
    }

    @Test
    void parse_wrongVersion_raisesParseError() {
        assertThatThrownBy(() -> RtpPacket.parse(HEX.parseHex("40e0123400015f90deadbeef")))
                .isInstanceOf(ParseException.class).hasMessageContaining("version 1");
    }

    @Test
    void parse_paddingLongerThanPayload_raisesParseError() {
        assertThatThrownBy(() -> RtpPacket.parse(HEX.parseHex("a0e0123400015f90deadbeef0009")))
                .isInstanceOf(ParseException.class).hasMessageContaining("padding");
    }

    @Test
    void build_sequenceOutOfRange_isRejected() {
        assertThatThrownBy(() -> RtpPacket.builder().sequenceNumber(65536).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void parseOfToBytes_isIdentity(@ForAll("packets") RtpPacket packet) throws Exception {
        assertThat(RtpPacket.parse(packet.toBytes())).isEqualTo(packet);
    }

    @Property
    void arbitraryBytes_parseOrRaiseParseError(@ForAll byte[] bytes) {
        try {
            RtpPacket p = RtpPacket.parse(bytes);
            assertThat(p.size()).isLessThanOrEqualTo(bytes.length);
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<RtpPacket> packets() {
        Arbitrary<RtpHeaderExtension> ext = Combinators.combine(
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 4).flatMap(w -> Arbitraries.bytes().array(byte[].class).ofSize(w * 4)))
                .as(RtpHeaderExtension::new).injectNull(0.5);
        return Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 127),
                Arbitraries.integers().between(0, 65535),
                Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).array(long[].class).ofMaxSize(15),
                ext,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1500))
                .as((m, pt, seq, ts, ssrc, csrcs, e, payload) -> RtpPacket.builder().marker(m).payloadType(pt)
                        .sequenceNumber(seq).timestamp(ts).ssrc(ssrc).csrcs(csrcs).extension(e).payload(payload).build());
    }
}
