package io.gscam.protocol.mctp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection-side MCTP decoder under arbitrary byte streams, fed whole and in chunks. */
class MctpDecoderFuzzTest {

    /**
     * The first byte is a chunk size (1 to 256), the rest the stream. Fed in chunks, the decoder yields
     * the messages it yields fed in one piece, those before an error included, and fails at the same
     * offset; each message writes back to text that parses to itself.
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
            new MctpDecoder().decode(ByteBuffer.wrap(bytes), expected::add);
        } catch (ParseException e) {
            assertThat(e.offset()).isBetween(0L, (long) bytes.length);
            expectedFailure = e.offset();
        }
        MctpDecoder split = new MctpDecoder();
        List<MctpMessage> actual = new ArrayList<>();
        Long failure = null;
        try {
            for (int pos = 0; pos < bytes.length; pos += chunk) {
                split.decode(ByteBuffer.wrap(bytes, pos, Math.min(chunk, bytes.length - pos)), actual::add);
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

    /** Found by fuzzing: an ALIVE, then a command line without a valid version, in one read. */
    @Test
    void decode_messageThenGarbageInOneRead_passesTheMessageOnBeforeRaising() {
        byte[] bytes = "CMD:ALIVE MCTP/1.0 CS\n@09682642@0\nEND\nCMD:ALIVE MCTP 0S\n".getBytes(StandardCharsets.US_ASCII);
        List<MctpMessage> out = new ArrayList<>();
        assertThatThrownBy(() -> new MctpDecoder().decode(ByteBuffer.wrap(bytes), out::add))
                .isInstanceOf(ParseException.class);
        assertThat(out).extracting(MctpMessage::command).containsExactly("ALIVE");
    }
}
