package io.gscam.media.h264;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.checkEqual;
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
    void indexOfStartCode_fourByteCode_isFoundAtItsSecondByte_andOnlyWhollyInsideTheRange() {
        byte[] data = hex("ff 00000001 65 000001 41");

        assertThat(AnnexB.indexOfStartCode(data, 0, data.length)).isEqualTo(2);
        assertThat(AnnexB.indexOfStartCode(data, 3, data.length)).isEqualTo(6);
        assertThat(AnnexB.indexOfStartCode(data, 3, 8)).isEqualTo(-1); // 00 00 01 would end at index 8
        assertThat(AnnexB.indexOfStartCode(hex("ff ff 80 00 00"), 0, 5)).isEqualTo(-1);
    }

    /** The definition, byte by byte: what the word-at-a-time scan must agree with. */
    private static int firstStartCode(byte[] data, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void indexOfStartCode_everyArrayOfTwelveBytesOverZeroOneAndOther_agreesWithTheDefinition() {
        byte[] alphabet = {0, 1, (byte) 0x80};
        byte[] data = new byte[12];
        int arrays = 1;
        for (int i = 0; i < data.length; i++) {
            arrays *= alphabet.length;
        }
        for (int n = 0; n < arrays; n++) {
            for (int i = 0, v = n; i < data.length; i++, v /= alphabet.length) {
                data[i] = alphabet[v % alphabet.length];
            }
            for (int from = 0; from <= 3; from++) {
                for (int to = data.length - 3; to <= data.length; to++) {
                    int expected = firstStartCode(data, from, to);
                    int actual = AnnexB.indexOfStartCode(data, from, to);
                    if (actual != expected) {
                        assertThat(actual).as("%s from %d to %d", HexFormat.of().formatHex(data), from, to).isEqualTo(expected);
                    }
                }
            }
        }
    }

    static Stream<Arguments> sparseStartCodes() {
        return Generators.arguments(500, r -> {
            byte[] data = new byte[Generators.size(r, 0, 600)];
            for (int i = 0; i < data.length; i++) {
                data[i] = Generators.chance(r, 0.1) ? 0 : (byte) Generators.between(r, 1, 255);
            }
            for (int codes = Generators.between(r, 0, 4); codes > 0 && data.length >= 3; codes--) {
                int at = Generators.between(r, 0, data.length - 3);
                data[at] = 0;
                data[at + 1] = 0;
                data[at + 2] = 1;
            }
            int from = Generators.between(r, 0, data.length);
            return new Object[] {data, from, Generators.between(r, from, data.length)};
        });
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("sparseStartCodes")
    void indexOfStartCode_longArraysWithFewStartCodes_agreesWithTheDefinition(byte[] data, int from, int to) {
        int expected = firstStartCode(data, from, to);

        assertThat(AnnexB.indexOfStartCode(data, from, to)).isEqualTo(expected);
        if (expected >= 0) { // and the next one after it, as the splitters go on
            assertThat(AnnexB.indexOfStartCode(data, expected + 3, to)).isEqualTo(firstStartCode(data, expected + 3, to));
        }
    }

    /**
     * The word-at-a-time scan against the definition, on whatever bytes and range: the first two bytes
     * pick how far into the rest the range starts and how far before its end it stops; the rest is
     * the data, which the fuzzer's comparison hooks fill with zeros and ones where it matters.
     */
    @FuzzTest
    void indexOfStartCode_arbitraryBytesAndRange_agreesWithTheDefinition(byte[] input) {
        if (input.length < 2) {
            return;
        }
        byte[] data = Arrays.copyOfRange(input, 2, input.length);
        int from = Math.min(data.length, input[0] & 0x0F);
        int to = Math.max(from, data.length - (input[1] & 0x0F));
        int expected = firstStartCode(data, from, to);
        checkEqual(AnnexB.indexOfStartCode(data, from, to), expected, "the first start code");
        if (expected >= 0) {
            checkEqual(AnnexB.indexOfStartCode(data, expected + 3, to), firstStartCode(data, expected + 3, to),
                    "the start code after it");
        }
    }

    @Test
    void unitEnd_dropsZerosBeforeTheNextStartCode_butNotPastTheUnitStart() {
        byte[] data = hex("65 88 00 00 00 00");

        assertThat(AnnexB.unitEnd(data, 0, data.length)).isEqualTo(2);
        assertThat(AnnexB.unitEnd(data, 3, data.length)).isEqualTo(3);
    }

    @Test
    void nalUnit_beginsAccessUnitAfterSlice_perSection7_4_1_2_3() {
        assertThat(NalUnit.ofHex("0910").beginsAccessUnitAfterSlice()).isTrue();   // AUD
        assertThat(NalUnit.ofHex("06ff").beginsAccessUnitAfterSlice()).isTrue();   // SEI
        assertThat(NalUnit.ofHex("6742").beginsAccessUnitAfterSlice()).isTrue();   // SPS
        assertThat(NalUnit.ofHex("68ce").beginsAccessUnitAfterSlice()).isTrue();   // PPS
        assertThat(NalUnit.ofHex("6e00").beginsAccessUnitAfterSlice()).isTrue();   // prefix NAL, type 14
        assertThat(NalUnit.ofHex("6588").beginsAccessUnitAfterSlice()).isTrue();   // IDR, first_mb_in_slice 0
        assertThat(NalUnit.ofHex("419a").beginsAccessUnitAfterSlice()).isTrue();   // slice, first_mb_in_slice 0
        assertThat(NalUnit.ofHex("4140").beginsAccessUnitAfterSlice()).isFalse();  // slice, first_mb_in_slice 1
        assertThat(NalUnit.ofHex("41").beginsAccessUnitAfterSlice()).isFalse();    // slice cut after its header
        assertThat(NalUnit.ofHex("0c ff").beginsAccessUnitAfterSlice()).isFalse(); // filler data
        assertThat(NalUnit.ofHex("4140").isSlice()).isTrue();
        assertThat(NalUnit.ofHex("6588").isSlice()).isTrue();
        assertThat(NalUnit.ofHex("6742").isSlice()).isFalse();
    }

    @Test
    void rbsp_escapeThenUnescape_restoresTheBytes() {
        byte[] rbsp = hex("000000 ff 000001 ff 000002 ff 000003 ff 000004 ff 00000000");
        byte[] escaped = Rbsp.escape(rbsp);

        assertThat(escaped).isEqualTo(hex("00000300 ff 00000301 ff 00000302 ff 00000303 ff 000004 ff 0000030000"));
        assertThat(Rbsp.unescape(escaped, 0, escaped.length)).isEqualTo(rbsp);
    }
}
