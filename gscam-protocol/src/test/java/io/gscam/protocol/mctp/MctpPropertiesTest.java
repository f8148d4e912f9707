package io.gscam.protocol.mctp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpMessage.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;

class MctpPropertiesTest {

    static MctpMessage message(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> new MctpMessage(word(r), Generators.oneOf(r, "MCTP/1.0", "MCTP/2.1", "mctp/1.0"),
                    Generators.oneOf(r, Direction.values()),
                    Generators.list(r, 0, MctpDecoder.MAX_BODY_LINES, line -> Generators.list(line, 1, 6, MctpPropertiesTest::word)));
            case 1 -> MctpMessage.register(session(r), Generators.between(r, -1, 7));
            case 2 -> MctpMessage.registerReply(session(r), Generators.between(r, -1, 7), r.nextBoolean());
            case 3 -> MctpMessage.alarm(Generators.between(r, 0, 7),
                    Generators.oneOf(r, "MOTION", "INPUT1", "INPUT2", "INPUT3", "INPUT4"),
                    Instant.ofEpochSecond(Generators.between(r, 0L, 253402300799L)));
            default -> r.nextBoolean() ? MctpMessage.keepAliveRequest() : MctpMessage.keepAliveReply();
        };
    }

    private static String word(SplittableRandom r) {
        String w;
        do {
            w = Generators.string(r, '!', '~', "", "@", 1, 20);
        } while (w.equalsIgnoreCase("END"));
        return w;
    }

    private static String session(SplittableRandom r) {
        return r.nextBoolean() ? "FFFFFFFF" : Generators.string(r, "0123456789", 8, 8);
    }

    static Stream<MctpMessage> messages() {
        return Generators.cases(500, MctpPropertiesTest::message);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("messages")
    void parse_write_isIdentity(MctpMessage m) throws ParseException {
        assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m);
    }

    static Stream<Arguments> streams() {
        return Generators.arguments(200, r -> new Object[] {
                Generators.list(r, 1, 5, MctpPropertiesTest::message), Generators.between(r, 1, 50)});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("streams")
    void decoder_anySplitOfAStream_yieldsTheSameMessages(List<MctpMessage> ms, int chunk) throws ParseException {
        StringBuilder sb = new StringBuilder();
        ms.forEach(m -> sb.append(m.toWireString()));
        byte[] stream = sb.toString().getBytes(StandardCharsets.US_ASCII);
        MctpDecoder d = new MctpDecoder();
        List<MctpMessage> out = new ArrayList<>();
        for (int at = 0; at < stream.length; at += chunk) {
            out.addAll(d.feed(stream, at, Math.min(chunk, stream.length - at)));
        }
        d.finish();

        assertThat(out).isEqualTo(ms);
    }

    @FuzzTest
    void parse_arbitraryBytes_parsesOrThrowsParseException(byte[] bytes) throws ParseException {
        MctpMessage m;
        try {
            m = MctpMessage.parse(bytes);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
            return;
        }
        assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m); // outside the try: must not fail at all
    }

    @FuzzTest
    void parse_arbitraryMctpLikeText_parsesOrThrowsParseException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            MctpMessage m = MctpMessage.parse(text);
            check(m.toWireString().endsWith("END\n"), "a written message ends with END");
            m.isKeepAlive();
        } catch (ParseException expected) {
            checkNotBlank(expected.reason(), "the reason");
        }
    }
}
