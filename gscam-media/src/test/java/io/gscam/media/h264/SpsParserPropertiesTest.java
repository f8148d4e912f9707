package io.gscam.media.h264;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;

import static org.assertj.core.api.Assertions.assertThat;

class SpsParserPropertiesTest {
    /** The input is an SPS body after its NAL header byte; the inputs hold baseline and high-profile ones. */
    @FuzzTest
    void parse_arbitraryBytesAfterAnSpsHeader_parsesOrThrowsParseException(byte[] body) {
        byte[] nal = new byte[1 + body.length];
        nal[0] = 0x67;
        System.arraycopy(body, 0, nal, 1, body.length);
        try {
            SequenceParameterSet sps = SpsParser.parse(nal);
            assertThat(sps.width()).isPositive();
            assertThat(sps.height()).isPositive();
        } catch (ParseException expected) {
            assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
        }
    }
}
