package io.gscam.protocol.mctp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.SpecDocument;
import io.gscam.protocol.mctp.MctpMessage.Direction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every MCTP message of the spec, verbatim (trailing spaces and the blank lines between its lines included). */
class MctpMessageTest {
    /** The spec writes line ends of its format lines as a literal backslash-n. */
    private static String specNotation(String text) {
        return text.replace("\\n", "\n");
    }

    // "Heartbeat connection" 1. and 2.: the formats, A/B/C placeholders as printed
    private static final String FORMAT_REQUEST = "CMD: ALIVE MCTP/1.0 CS\\n \n\n@A@B\\n \n\nEND\\n \n";
    private static final String FORMAT_REPLY = "CMD: ALIVE MCTP/1.0 SC\\n \n\n@A@B@C\\n \n\nEND\\n \n";
    // "Keep-alive Messages"
    private static final String FORMAT_KEEPALIVE_CS = "CMD:ALIVE MCTP/1.0 CS\\n \n\nEND\\n \n";
    private static final String FORMAT_KEEPALIVE_SC = "CMD:ALIVE MCTP/1.0 SC\\n \n\nEND\\n \n";
    // "Sample Messages"
    private static final String SAMPLE_REGISTER = "CMD:ALIVE MCTP/1.0 CS \n\n@09682642@0 \n\nEND \n";
    private static final String SAMPLE_REGISTER_REPLY = "CMD:ALIVE MCTP/1.0 SC \n\n@09682642@0@1 \n\nEND \n";
    private static final String SAMPLE_KEEPALIVE_CS = "CMD:ALIVE MCTP/1.0 CS \n\nEND \n";
    private static final String SAMPLE_KEEPALIVE_SC = "CMD:ALIVE MCTP/1.0 SC \n\nEND \n";

    @Test
    void fixtures_areTheDocumentsTextVerbatim() {
        String document = SpecDocument.text();
        for (String fixture : List.of(FORMAT_REQUEST, FORMAT_REPLY, FORMAT_KEEPALIVE_CS, FORMAT_KEEPALIVE_SC,
                SAMPLE_REGISTER, SAMPLE_REGISTER_REPLY, SAMPLE_KEEPALIVE_CS, SAMPLE_KEEPALIVE_SC)) {
            assertThat(document).contains(fixture);
        }
    }

    @Test
    void parse_specFormatRequest_keepsPlaceholderFields() throws ParseException {
        MctpMessage m = MctpMessage.parse(specNotation(FORMAT_REQUEST));

        assertThat(m).isEqualTo(new MctpMessage("ALIVE", "MCTP/1.0", Direction.CS, List.of(List.of("A", "B"))));
        assertThat(m.toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 CS\n@A@B\nEND\n");
        // A is a placeholder, not an 8-character session id
        assertThatThrownBy(m::registration).isInstanceOf(ParseException.class).hasMessageContaining("session id");
    }

    @Test
    void parse_specFormatRequestFilledIn_isARegistration() throws ParseException {
        MctpMessage m = MctpMessage.parse(specNotation(FORMAT_REQUEST.replace("@A@B", "@FFFFFFFF@-1")));

        MctpMessage.Registration r = m.registration();
        assertThat(r.sessionId()).isEqualTo("FFFFFFFF");
        assertThat(r.channel()).isEqualTo(-1);
        assertThat(r.isAlarmSubscription()).isTrue();
        assertThat(r.allChannels()).isTrue();
    }

    @Test
    void parse_specFormatReply_keepsPlaceholderFields() throws ParseException {
        MctpMessage m = MctpMessage.parse(specNotation(FORMAT_REPLY));

        assertThat(m.direction()).isEqualTo(Direction.SC);
        assertThat(m.body()).containsExactly(List.of("A", "B", "C"));
        assertThat(m.toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@A@B@C\nEND\n");
        assertThatThrownBy(m::registrationReply).isInstanceOf(ParseException.class);
    }

    @Test
    void parse_specKeepAliveFormats_areKeepAlivesBothWays() throws ParseException {
        MctpMessage cs = MctpMessage.parse(specNotation(FORMAT_KEEPALIVE_CS));
        MctpMessage sc = MctpMessage.parse(specNotation(FORMAT_KEEPALIVE_SC));

        assertThat(cs).isEqualTo(MctpMessage.keepAliveRequest());
        assertThat(sc).isEqualTo(MctpMessage.keepAliveReply());
        assertThat(cs.isKeepAlive()).isTrue();
        assertThat(sc.isKeepAlive()).isTrue();
    }

    @Test
    void parse_specSampleRegistration_isSession09682642Channel0() throws ParseException {
        MctpMessage m = MctpMessage.parse(SAMPLE_REGISTER);

        assertThat(m).isEqualTo(MctpMessage.register("09682642", 0));
        assertThat(m.registration()).isEqualTo(new MctpMessage.Registration("09682642", 0));
        assertThat(m.registration().isAlarmSubscription()).isFalse();
        assertThat(m.isKeepAlive()).isFalse();
        assertThat(m.toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 CS\n@09682642@0\nEND\n");
    }

    @Test
    void parse_specSampleReply_isSuccess() throws ParseException {
        MctpMessage m = MctpMessage.parse(SAMPLE_REGISTER_REPLY);

        assertThat(m).isEqualTo(MctpMessage.registerReply("09682642", 0, true));
        assertThat(m.registrationReply()).isEqualTo(new MctpMessage.RegistrationReply("09682642", 0, true));
        assertThat(m.toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@09682642@0@1\nEND\n");
    }

    @Test
    void parse_specSampleKeepAlives_reserialiseCanonically() throws ParseException {
        assertThat(MctpMessage.parse(SAMPLE_KEEPALIVE_CS).toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 CS\nEND\n");
        assertThat(MctpMessage.parse(SAMPLE_KEEPALIVE_SC).toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 SC\nEND\n");
    }

    @Test
    void registerReply_failure_writesZero() throws ParseException {
        MctpMessage m = MctpMessage.registerReply("12345678", 4, false);

        assertThat(m.toWireString()).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@12345678@4@0\nEND\n");
        assertThat(MctpMessage.parse(m.toBytes()).registrationReply().ok()).isFalse();
    }

    @Test
    void alarm_designMdFormat_roundTrips() throws ParseException {
        MctpMessage m = MctpMessage.alarm(2, "INPUT3", Instant.parse("2026-11-25T10:15:30.750Z"));

        assertThat(m.toWireString()).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@2@INPUT3@2026-11-25T10:15:30Z\nEND\n");
        MctpMessage.Alarm a = MctpMessage.parse(m.toBytes()).alarm();
        assertThat(a.channel()).isEqualTo(2);
        assertThat(a.input()).isEqualTo(3);
        assertThat(a.isMotion()).isFalse();
        assertThat(a.time()).isEqualTo(Instant.parse("2026-11-25T10:15:30Z"));
    }

    @Test
    void alarm_motion() throws ParseException {
        MctpMessage.Alarm a = MctpMessage.parse("CMD:ALARM MCTP/1.0 SC\r\n@0@MOTION@2026-01-02T03:04:05Z@\r\nEND\r\n").alarm();

        assertThat(a.isMotion()).isTrue();
        assertThat(a.input()).isZero();
    }

    @Test
    void alarm_badTime_throwsParseException() throws ParseException {
        for (String time : List.of("2026-01-02T03:04:05", "2026-13-02T03:04:05Z", "2026-01-02T03:04:05.5Z", "yesterday")) {
            MctpMessage m = MctpMessage.parse("CMD:ALARM MCTP/1.0 SC\n@0@MOTION@" + time + "\nEND\n");
            assertThatThrownBy(m::alarm).as(time).isInstanceOf(ParseException.class).hasMessageContaining("yyyy-MM-ddTHH:mm:ssZ");
        }
    }

    @Test
    void typedView_ofTheWrongCommand_throwsParseException() throws ParseException {
        MctpMessage alive = MctpMessage.register("09682642", 0);

        assertThatThrownBy(alive::alarm).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> MctpMessage.keepAliveRequest().registration()).isInstanceOf(ParseException.class);
    }

    @Test
    void registration_badResultOrChannel_throwsParseException() throws ParseException {
        assertThatThrownBy(() -> MctpMessage.parse("CMD:ALIVE MCTP/1.0 SC\n@09682642@0@2\nEND\n").registrationReply())
                .isInstanceOf(ParseException.class).hasMessageContaining("neither 1 nor 0");
        assertThatThrownBy(() -> MctpMessage.parse("CMD:ALIVE MCTP/1.0 CS\n@09682642@x\nEND\n").registration())
                .isInstanceOf(ParseException.class).hasMessageContaining("channel");
        assertThatThrownBy(() -> MctpMessage.parse("CMD:ALIVE MCTP/1.0 CS\n@09682642@-2\nEND\n").registration())
                .isInstanceOf(ParseException.class);
    }

    @Test
    void factories_rejectInvalidValues() {
        assertThatThrownBy(() -> MctpMessage.register("123", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MctpMessage.register("12345678", -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MctpMessage.alarm(0, "MO TION", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MctpMessage("ALIVE", "HTTP/1.0", Direction.CS, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MctpMessage("ALIVE", "MCTP/1.0", Direction.CS, List.of(List.of("a@b"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
