package io.gscam.media.container;

import io.gscam.protocol.ParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NalUnitsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void annexBToLengthPrefixed_threeAndFourByteStartCodes() {
        List<byte[]> units = NalUnits.splitAnnexB(HEX.parseHex("0000000109f0" + "000001658884" + "00000001419a"));
        assertThat(HEX.formatHex(NalUnits.toLengthPrefixed(units)))
                .isEqualTo("0000000209f0" + "00000003658884" + "00000002419a");
    }

    @Test
    void splitLengthPrefixed_lengthPastTheEnd_raisesParseException() {
        assertThatThrownBy(() -> NalUnits.splitLengthPrefixed(HEX.parseHex("0000000565"), 4))
                .isInstanceOf(ParseException.class);
    }

    @Property
    void lengthPrefixed_roundTrips(@ForAll @Size(max = 8) List<@Size(min = 1, max = 300) byte[]> units) throws ParseException {
        List<byte[]> back = NalUnits.splitLengthPrefixed(NalUnits.toLengthPrefixed(units), 4);
        assertThat(back).hasSameSizeAs(units);
        for (int i = 0; i < units.size(); i++) {
            assertThat(back.get(i)).isEqualTo(units.get(i));
        }
    }
}
