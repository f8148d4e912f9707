package io.gscam.protocol.mctp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpMessage.Direction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MctpDecoderTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<MctpMessage> feedByteByByte(MctpDecoder d, String text) throws ParseException {
        List<MctpMessage> out = new ArrayList<>();
        for (byte b : ascii(text)) {
            out.addAll(d.feed(new byte[]{b}, 0, 1));
        }
        return out;
    }

    @Test
    void feed_specSamplesOneByteAtATime_yieldsEachMessageAtItsEnd() throws ParseException {
        MctpDecoder d = new MctpDecoder();

        List<MctpMessage> first = feedByteByByte(d, "CMD:ALIVE MCTP/1.0 CS \n\n@09682642@0 \n\nEND");
        assertThat(first).isEmpty();
        assertThat(d.inMessage()).isTrue();
        List<MctpMessage> rest = feedByteByByte(d, " \n\n \n\nCMD:ALIVE MCTP/1.0 CS \n\nEND \n");

        assertThat(rest).containsExactly(MctpMessage.register("09682642", 0), MctpMessage.keepAliveRequest());
        assertThat(d.inMessage()).isFalse();
        d.finish();
    }

    @Test
    void feed_severalMessagesInOneChunk_yieldsThemInOrder() throws ParseException {
        byte[] chunk = ascii("CMD:ALIVE MCTP/1.0 SC\nEND\nCMD:ALARM MCTP/1.0 SC\n@1@MOTION@2026-01-01T00:00:00Z\nEND\n");

        List<MctpMessage> out = new MctpDecoder().feed(chunk, 0, chunk.length);

        assertThat(out).extracting(MctpMessage::command).containsExactly("ALIVE", "ALARM");
    }

    @Test
    void feed_tolerantForms_allParseToTheCanonicalMessage() throws ParseException {
        MctpMessage expected = MctpMessage.register("09682642", 0);
        for (String form : List.of(
                "CMD: ALIVE MCTP/1.0 CS\n@09682642@0\nEND\n",
                "CMD:ALIVE MCTP/1.0 CS\r\n@09682642@0\r\nEND\r\n",
                "CMD:ALIVE MCTP/1.0 CS\n@09682642@0@\nEND\n",
                "cmd:ALIVE  MCTP/1.0\tcs   \n@09682642@0   \nend\n",
                "\r\n\n  \nCMD:ALIVE MCTP/1.0 CS\n\n@09682642@0\n\nEND\n\n")) {
            assertThat(MctpMessage.parse(form)).as(form).isEqualTo(expected);
        }
    }

    @Test
    void feed_unknownCommand_isParsedNotRejected() throws ParseException {
        MctpMessage m = MctpMessage.parse("CMD:PTZ MCTP/1.0 CS\n@0@LEFT@5\n@extra\nEND\n");

        assertThat(m.command()).isEqualTo("PTZ");
        assertThat(m.isAlive()).isFalse();
        assertThat(m.body()).containsExactly(List.of("0", "LEFT", "5"), List.of("extra"));
        assertThat(MctpMessage.parse(m.toBytes())).isEqualTo(m);
    }

    @Test
    void feed_lineLongerThanLimit_throwsParseException() {
        byte[] longLine = ascii("CMD:ALIVE MCTP/1.0 CS\n@" + "1".repeat(MctpDecoder.MAX_LINE_LENGTH + 10));

        assertThatThrownBy(() -> new MctpDecoder().feed(longLine, 0, longLine.length))
                .isInstanceOf(ParseException.class).hasMessageContaining("longer than 1024");
    }

    @Test
    void feed_tooManyBodyLines_throwsParseException() {
        String text = "CMD:ALIVE MCTP/1.0 CS\n" + "@1\n".repeat(MctpDecoder.MAX_BODY_LINES + 1) + "END\n";

        assertThatThrownBy(() -> MctpMessage.parse(text)).isInstanceOf(ParseException.class).hasMessageContaining("body lines");
    }

    @Test
    void feed_rtspRequest_throwsParseExceptionAtOffsetZero() {
        assertThatThrownBy(() -> MctpMessage.parse("OPTIONS rtsp://h/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isZero());
    }

    @Test
    void feed_malformedLines_throwParseException() {
        for (String bad : List.of(
                "CMD:ALIVE MCTP/1.0\nEND\n",           // no direction
                "CMD:ALIVE MCTP/1.0 XX\nEND\n",        // unknown direction
                "CMD:ALIVE RTSP/1.0 CS\nEND\n",        // not MCTP
                "CMD:ALIVE MCTP/1.0 CS\n09682642@0\nEND\n", // body without leading @
                "CMD:ALIVE MCTP/1.0 CS\n@0968 2642@0\nEND\n",
                "CMD:ALIVE MCTP/1.0 CS\n@@0\nEND\n",
                "CMD:ALIVE MCTP/1.0 CS\n@\u00e9\nEND\n",
                "CMD:END MCTP/1.0 CS\nEND\n",
                "CMD:ALIVE MCTP/1.0 CS\n@1\n")) {          // cut short
            assertThatThrownBy(() -> MctpMessage.parse(bad)).as(bad).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void feed_afterFailure_keepsFailing() {
        MctpDecoder d = new MctpDecoder();
        byte[] bad = ascii("GET / HTTP/1.1\n");
        assertThatThrownBy(() -> d.feed(bad, 0, bad.length)).isInstanceOf(ParseException.class);

        byte[] good = MctpMessage.keepAliveRequest().toBytes();
        assertThatThrownBy(() -> d.feed(good, 0, good.length)).isInstanceOf(ParseException.class);
    }

    @Test
    void looksLikeMctp_mctpFirstBytes() {
        assertThat(MctpDecoder.looksLikeMctp(ascii("CMD:ALIVE MCTP/1.0 CS\n"))).isTrue();
        assertThat(MctpDecoder.looksLikeMctp(ascii("CMD"))).isTrue();
        assertThat(MctpDecoder.looksLikeMctp(ascii("cmd: ALIVE"))).isTrue();
        assertThat(MctpDecoder.looksLikeMctp(ascii("\r\nCMD:ALIVE"))).isTrue();
        assertThat(MctpDecoder.looksLikeMctp(ascii("ALIVE MCTP/1.0 CS\n"))).isTrue();
    }

    @Test
    void looksLikeMctp_rtspFirstBytes() {
        assertThat(MctpDecoder.looksLikeMctp(ascii("DESCRIBE rtsp://192.168.86.232:554/0 RTSP/1.0\r\nCSeq: 1\r\n"))).isFalse();
        assertThat(MctpDecoder.looksLikeMctp(ascii("OPTIONS * RTSP/1.0\r\n"))).isFalse();
        assertThat(MctpDecoder.looksLikeMctp(new byte[]{'$', 0, 0, 12})).isFalse();
        assertThat(MctpDecoder.looksLikeMctp(new byte[0])).isFalse();
        // a later line naming MCTP does not make an RTSP request MCTP
        assertThat(MctpDecoder.looksLikeMctp(ascii("SETUP rtsp://h/0 RTSP/1.0\r\nX-Note: MCTP/1.0\r\n"))).isFalse();
    }

    @Test
    void message_directionNamesSender() {
        assertThat(MctpMessage.keepAliveRequest().direction()).isEqualTo(Direction.CS);
        assertThat(MctpMessage.keepAliveReply().direction()).isEqualTo(Direction.SC);
    }
}
