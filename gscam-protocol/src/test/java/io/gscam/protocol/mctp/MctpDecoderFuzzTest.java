package io.gscam.protocol.mctp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection-side MCTP decoder under arbitrary byte streams, fed whole and in chunks. */
class MctpDecoderFuzzTest {

    /**
     * The first byte is a chunk size (1 to 256), the rest the stream. Fed in chunks, the decoder yields
     * the messages it yields fed in one piece and fails at the same offset; each message writes back to
     * text that parses to itself.
     */
    @FuzzTest
    void feed_arbitraryStreamInChunks_yieldsWhatOnePieceYields(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = (input[0] & 0xFF) + 1;
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
        List<MctpMessage> expected = new ArrayList<>();
        Long expectedFailure = null;
        try {
            expected.addAll(new MctpDecoder().feed(bytes, 0, bytes.length));
        } catch (ParseException e) {
            assertThat(e.offset()).isBetween(0L, (long) bytes.length);
            expectedFailure = e.offset();
        }
        MctpDecoder split = new MctpDecoder();
        List<MctpMessage> actual = new ArrayList<>();
        Long failure = null;
        try {
            for (int pos = 0; pos < bytes.length; pos += chunk) {
                actual.addAll(split.feed(bytes, pos, Math.min(chunk, bytes.length - pos)));
            }
        } catch (ParseException e) {
            failure = e.offset();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(failure).isEqualTo(expectedFailure);
        for (MctpMessage m : actual) {
            try {
                assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m);
            } catch (ParseException e) {
                throw new AssertionError("a decoded message does not parse again: " + m, e);
            }
        }
    }
}
