package io.gscam.media.h264;

import io.gscam.protocol.ParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

class SpsParserPropertiesTest {
    @Property(tries = 2000)
    void parse_arbitraryBytesAfterAnSpsHeader_parsesOrThrowsParseException(@ForAll @Size(max = 64) byte[] body,
                                                                          @ForAll boolean highProfile) {
        byte[] nal = new byte[1 + body.length];
        nal[0] = 0x67;
        System.arraycopy(body, 0, nal, 1, body.length);
        if (highProfile && body.length > 0) {
            nal[1] = 100; // make the chroma/scaling-matrix branch likely
        }
        try {
            SequenceParameterSet sps = SpsParser.parse(nal);
            assertThat(sps.width()).isPositive();
            assertThat(sps.height()).isPositive();
        } catch (ParseException expected) {
            assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
        }
    }
}
