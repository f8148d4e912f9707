package io.gscam.media.h264;

import io.gscam.protocol.ParseException;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvccTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void annexBToLengthPrefixed_threeAndFourByteStartCodes() {
        List<NalUnit> units = AnnexB.split(HEX.parseHex("0000000109f0" + "000001658884" + "00000001419a"));
        assertThat(HEX.formatHex(Avcc.join(units)))
                .isEqualTo("0000000209f0" + "00000003658884" + "00000002419a");
    }

    @Test
    void splitLengthPrefixed_lengthPastTheEnd_raisesParseException() {
        assertThatThrownBy(() -> Avcc.split(HEX.parseHex("0000000565"), 4))
                .isInstanceOf(ParseException.class);
    }

    static Stream<List<byte[]>> unitLists() {
        return Generators.cases(1000, r -> Generators.list(r, 0, 8, u -> Generators.bytes(u, 1, 300)));
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("unitLists")
    void lengthPrefixed_roundTrips(List<byte[]> units) throws ParseException {
        List<NalUnit> back = Avcc.split(Avcc.join(units.stream().map(NalUnit::new).toList()), 4);
        assertThat(back).hasSameSizeAs(units);
        for (int i = 0; i < units.size(); i++) {
            assertThat(back.get(i).bytes()).isEqualTo(units.get(i));
        }
    }
}
