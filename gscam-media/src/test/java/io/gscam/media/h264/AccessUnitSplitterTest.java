package io.gscam.media.h264;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessUnitSplitterTest {
    private static final HexFormat HEX = HexFormat.of();
    // AUD, SPS, PPS, IDR slice (first_mb 0), then AUD, P slice, then AUD, P slice.
    private static final String STREAM = "00000001" + "0910"
            + "00000001" + "6742c01ed900b03d"
            + "00000001" + "68cb8152c8"
            + "000001" + "6588840021"
            + "00000001" + "0930"
            + "00000001" + "419a0102"
            + "00000001" + "0930"
            + "000001" + "419a0203";

    private static List<AccessUnitSplitter.AccessUnit> splitWhole(String hex) throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter();
        byte[] b = HEX.parseHex(hex);
        List<AccessUnitSplitter.AccessUnit> out = new ArrayList<>(s.push(b, 0, b.length));
        out.addAll(s.finish());
        return out;
    }

    @Test
    void push_streamWithDelimiters_yieldsAccessUnitsWithoutDelimiters() throws ParseException {
        List<AccessUnitSplitter.AccessUnit> units = splitWhole(STREAM);

        assertThat(units).hasSize(3);
        assertThat(HEX.formatHex(units.get(0).data())).isEqualTo(
                "000000016742c01ed900b03d" + "0000000168cb8152c8" + "000000016588840021");
        assertThat(units.get(0).keyframe()).isTrue();
        assertThat(HEX.formatHex(units.get(0).sps())).isEqualTo("6742c01ed900b03d");
        assertThat(HEX.formatHex(units.get(0).pps())).isEqualTo("68cb8152c8");
        assertThat(HEX.formatHex(units.get(1).data())).isEqualTo("00000001419a0102");
        assertThat(units.get(1).keyframe()).isFalse();
        assertThat(units.get(1).sps()).isNull();
        assertThat(HEX.formatHex(units.get(2).data())).isEqualTo("00000001419a0203");
    }

    @Test
    void push_oneByteAtATime_yieldsTheSameUnits() throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter();
        byte[] b = HEX.parseHex(STREAM);
        List<AccessUnitSplitter.AccessUnit> out = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            out.addAll(s.push(b, i, 1));
        }
        out.addAll(s.finish());

        List<AccessUnitSplitter.AccessUnit> whole = splitWhole(STREAM);
        assertThat(out).hasSameSizeAs(whole);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).data()).isEqualTo(whole.get(i).data());
            assertThat(out.get(i).keyframe()).isEqualTo(whole.get(i).keyframe());
        }
    }

    @Test
    void push_unitCompleteOnlyWhenNextOneStarts() throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter();
        byte[] first = HEX.parseHex("00000001091000000001419a0102");
        assertThat(s.push(first, 0, first.length)).isEmpty();
        byte[] aud = HEX.parseHex("0000000109");
        assertThat(s.push(aud, 0, aud.length)).singleElement()
                .satisfies(u -> assertThat(HEX.formatHex(u.data())).isEqualTo("00000001419a0102"));
    }

    @Test
    void push_streamWithoutDelimiters_splitsAtFirstSliceOfPictureAndAtParameterSets() throws ParseException {
        // SPS, PPS, IDR (first_mb 0), P (first_mb 0), P second slice (first_mb != 0: top bit clear), SPS, IDR
        String hex = "000000016742c01e" + "0000000168cb" + "0000000165888480"
                + "00000001419a01" + "00000001410a02" + "000000016742c01e" + "0000000165888401";
        List<AccessUnitSplitter.AccessUnit> units = splitWhole(hex);

        assertThat(units).extracting(u -> HEX.formatHex(u.data())).containsExactly(
                "000000016742c01e0000000168cb0000000165888480",
                "00000001419a0100000001410a02",
                "000000016742c01e0000000165888401");
        assertThat(units).extracting(AccessUnitSplitter.AccessUnit::keyframe).containsExactly(true, false, true);
    }

    @Test
    void push_fillerDataAndTrailingZeros_areDropped() throws ParseException {
        String hex = "0000000109f0" + "00000001419a0102" + "0000" + "000000010cffffff80" + "00000001";
        List<AccessUnitSplitter.AccessUnit> units = splitWhole(hex);

        assertThat(units).singleElement()
                .satisfies(u -> assertThat(HEX.formatHex(u.data())).isEqualTo("00000001419a0102"));
    }

    @Test
    void push_garbageBeforeFirstStartCode_isIgnored() throws ParseException {
        List<AccessUnitSplitter.AccessUnit> units = splitWhole("ffee01" + "00000001419a0102");

        assertThat(units).singleElement()
                .satisfies(u -> assertThat(HEX.formatHex(u.data())).isEqualTo("00000001419a0102"));
    }

    @Test
    void push_keepDelimiters_keepsDelimiterAndFillerInTheirUnits() throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter(AccessUnitSplitter.Delimiters.KEEP, 1 << 10);
        byte[] b = HEX.parseHex("0000000109f0" + "00000001419a0102" + "000000010cff" + "00000001" + "0930" + "000001419a0203");
        List<AccessUnitSplitter.AccessUnit> out = new ArrayList<>(s.push(b, 0, b.length));
        out.addAll(s.finish());

        assertThat(out).extracting(u -> HEX.formatHex(u.data())).containsExactly(
                "0000000109f0" + "00000001419a0102" + "000000010cff",
                "000000010930" + "00000001419a0203");
    }

    @Test
    void push_nalUnitLongerThanTheLimit_raisesParseExceptionAtItsStart() {
        AccessUnitSplitter s = new AccessUnitSplitter(AccessUnitSplitter.Delimiters.DROP, 8);
        byte[] b = HEX.parseHex("aabb" + "00000001" + "419a01020304050607");

        assertThatThrownBy(() -> s.push(b, 0, b.length))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(6));
    }

    @Test
    void push_accessUnitLongerThanTheLimit_raisesParseException() throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter(AccessUnitSplitter.Delimiters.DROP, 16);
        byte[] b = HEX.parseHex("000000016742c01e" + "0000000168cb8152" + "0000000165888400");

        assertThatThrownBy(() -> {
            s.push(b, 0, b.length);
            s.finish();
        }).isInstanceOf(ParseException.class).hasMessageContaining("access unit longer than 16 bytes");
    }

    @Test
    void startCodeSeen_onlyAfterAStartCode() throws ParseException {
        AccessUnitSplitter s = new AccessUnitSplitter();
        byte[] garbage = HEX.parseHex("0102030405");
        s.push(garbage, 0, garbage.length);
        assertThat(s.startCodeSeen()).isFalse();
        byte[] start = HEX.parseHex("000001");
        s.push(start, 0, start.length);
        assertThat(s.startCodeSeen()).isTrue();
    }
}
