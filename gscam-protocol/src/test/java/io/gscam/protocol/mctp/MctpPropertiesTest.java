package io.gscam.protocol.mctp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpMessage.Direction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MctpPropertiesTest {
    @Provide
    Arbitrary<MctpMessage> messages() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('!', '~').excludeChars('@').ofMinLength(1).ofMaxLength(20)
                .filter(w -> !w.equalsIgnoreCase("END"));
        Arbitrary<String> version = Arbitraries.of("MCTP/1.0", "MCTP/2.1", "mctp/1.0");
        Arbitrary<List<List<String>>> body = word.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(MctpDecoder.MAX_BODY_LINES);
        Arbitrary<MctpMessage> generic = Combinators.combine(word, version, Arbitraries.of(Direction.class), body).as(MctpMessage::new);
        Arbitrary<String> session = Arbitraries.oneOf(Arbitraries.just("FFFFFFFF"),
                Arbitraries.strings().withCharRange('0', '9').ofLength(8));
        Arbitrary<Integer> channel = Arbitraries.integers().between(-1, 7);
        Arbitrary<MctpMessage> register = Combinators.combine(session, channel).as(MctpMessage::register);
        Arbitrary<MctpMessage> reply = Combinators.combine(session, channel, Arbitraries.of(true, false)).as(MctpMessage::registerReply);
        Arbitrary<MctpMessage> alarm = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.of("MOTION", "INPUT1", "INPUT2", "INPUT3", "INPUT4"),
                Arbitraries.longs().between(0, 253402300799L).map(Instant::ofEpochSecond)).as(MctpMessage::alarm);
        return Arbitraries.oneOf(generic, register, reply, alarm,
                Arbitraries.of(MctpMessage.keepAliveRequest(), MctpMessage.keepAliveReply()));
    }

    @Property(tries = 500)
    void parse_write_isIdentity(@ForAll("messages") MctpMessage m) throws ParseException {
        assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m);
    }

    @Property(tries = 200)
    void decoder_anySplitOfAStream_yieldsTheSameMessages(@ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.From("messages") MctpMessage> ms,
                                                         @ForAll @IntRange(min = 1, max = 50) int chunk) throws ParseException {
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

    @Property(tries = 1000)
    void parse_arbitraryBytes_parsesOrThrowsParseException(@ForAll @Size(max = 300) byte[] bytes) throws ParseException {
        MctpMessage m;
        try {
            m = MctpMessage.parse(bytes);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
            return;
        }
        assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m); // outside the try: must not fail at all
    }

    @Property(tries = 1000)
    void parse_arbitraryMctpLikeText_parsesOrThrowsParseException(
            @ForAll @Size(max = 12) List<@net.jqwik.api.From("lines") String> lines) {
        String text = String.join("\n", lines);
        try {
            MctpMessage m = MctpMessage.parse(text);
            assertThat(m.toWireString()).endsWith("END\n");
            m.isKeepAlive();
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.oneOf(
                Arbitraries.of("CMD:ALIVE MCTP/1.0 CS", "CMD: ALARM MCTP/1.0 SC", "END", "", " ", "@09682642@0", "@1@MOTION@2026-01-01T00:00:00Z",
                        "@", "@@", "CMD:", "\r"),
                Arbitraries.strings().withChars("@CMD:ENDmctp/1.0 SC\r\t").ofMaxLength(30));
    }
}
