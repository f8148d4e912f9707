package io.gscam.media.h264;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnnexBTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void split_fourAndThreeByteStartCodes_yieldsEachUnit() {
        List<NalUnit> units = AnnexB.split(hex("00000001 6742e01e 000001 68ce30a480 00000001 6588840021"));

        assertThat(units).containsExactly(NalUnit.ofHex("6742e01e"), NalUnit.ofHex("68ce30a480"), NalUnit.ofHex("6588840021"));
    }

    @Test
    void split_trailingZeroBytes_areNotPartOfTheUnit() {
        assertThat(AnnexB.split(hex("00000001 0910 0000 00000001 6588 000000")))
                .containsExactly(NalUnit.ofHex("0910"), NalUnit.ofHex("6588"));
    }

    @Test
    void split_emptyUnitsAndEmptyInput_areSkipped() {
        assertThat(AnnexB.split(hex("00000001 00000001 000001 0910"))).containsExactly(NalUnit.ofHex("0910"));
        assertThat(AnnexB.split(new byte[0])).isEmpty();
        assertThat(AnnexB.split(hex("000000"))).isEmpty();
    }

    @Test
    void split_bytesBeforeTheFirstStartCode_areAUnit() {
        assertThat(AnnexB.split(hex("6742 00000001 68ce"))).containsExactly(NalUnit.ofHex("6742"), NalUnit.ofHex("68ce"));
    }

    @Test
    void split_emulationPreventedZeros_stayInsideTheUnit() {
        assertThat(AnnexB.split(hex("00000001 65 000003 01 000003 00 ff")))
                .containsExactly(NalUnit.ofHex("650000030100000300ff"));
    }

    @Test
    void join_writesFourByteStartCodes() {
        byte[] joined = AnnexB.join(List.of(NalUnit.ofHex("6742"), NalUnit.ofHex("68ce")));

        assertThat(joined).isEqualTo(hex("00000001 6742 00000001 68ce"));
        assertThat(AnnexB.split(joined)).containsExactly(NalUnit.ofHex("6742"), NalUnit.ofHex("68ce"));
    }

    @Test
    void nalUnit_headerFields() {
        NalUnit idr = NalUnit.ofHex("6588");
        NalUnit sei = NalUnit.ofHex("06ff");

        assertThat(idr.type()).isEqualTo(5);
        assertThat(idr.nri()).isEqualTo(3);
        assertThat(idr.isIdr()).isTrue();
        assertThat(idr.forbiddenBit()).isFalse();
        assertThat(sei.nri()).isZero();
        assertThat(NalUnit.ofHex("e7").forbiddenBit()).isTrue();
        assertThat(AnnexB.containsIdr(List.of(sei, idr))).isTrue();
        assertThat(AnnexB.containsIdr(List.of(sei, NalUnit.ofHex("4188")))).isFalse();
    }

    @Test
    void rbsp_escapeThenUnescape_restoresTheBytes() {
        byte[] rbsp = hex("000000 ff 000001 ff 000002 ff 000003 ff 000004 ff 00000000");
        byte[] escaped = Rbsp.escape(rbsp);

        assertThat(escaped).isEqualTo(hex("00000300 ff 00000301 ff 00000302 ff 00000303 ff 000004 ff 0000030000"));
        assertThat(Rbsp.unescape(escaped, 0, escaped.length)).isEqualTo(rbsp);
    }
}
