package io.gscam.protocol.mctp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.Decoded;
import io.gscam.protocol.ParseException;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.gscam.testkit.FuzzChecks.checkBetween;
import static io.gscam.testkit.FuzzChecks.checkEqual;
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
        Generators.Chunked in = Generators.chunked(input).orElse(null);
        if (in == null) {
            return;
        }
        Decoded<MctpMessage> expected = Decoded.whole(new MctpDecoder()::decode, in.stream());
        if (expected.failureOffset() != null) {
            checkBetween(expected.failureOffset(), 0, in.stream().length, "failure offset");
        }
        Decoded<MctpMessage> actual = Decoded.inChunks(new MctpDecoder()::decode, in.stream(), in.chunk());
        checkEqual(actual.items(), expected.items(), "the messages fed in chunks");
        checkEqual(actual.failureOffset(), expected.failureOffset(), "the failure offset fed in chunks");
        for (MctpMessage m : actual.items()) {
            try {
                checkEqual(MctpMessage.parse(m.toBytes()), m, "the message written and parsed again");
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
