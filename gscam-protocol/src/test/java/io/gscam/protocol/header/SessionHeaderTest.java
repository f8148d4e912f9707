package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionHeaderTest {

    @Test
    void parse_specSetupAnswer_readsIdWithLeadingZeroAndTimeout() throws Exception {
        SessionHeader s = SessionHeader.parse("09682642;timeout=120");

        assertThat(s.id()).isEqualTo("09682642");
        assertThat(s.timeoutSeconds()).hasValue(120);
        assertThat(s.format()).isEqualTo("09682642;timeout=120");
    }

    @Test
    void parse_specClientEcho_hasNoTimeout() throws Exception {
        SessionHeader s = SessionHeader.parse("09682642");

        assertThat(s).isEqualTo(SessionHeader.of("09682642"));
        assertThat(s.timeoutSeconds()).isEmpty();
        assertThat(s.format()).isEqualTo("09682642");
    }

    @Test
    void parse_spacesAroundSemicolonAndEquals_areTolerated() throws Exception {
        assertThat(SessionHeader.parse("12345678; timeout = 60")).isEqualTo(SessionHeader.of("12345678", 60));
        assertThat(SessionHeader.parse(" 12345678 ;TIMEOUT=\"60\" ")).isEqualTo(SessionHeader.of("12345678", 60));
    }

    @Test
    void parse_unknownParameter_isIgnored() throws Exception {
        assertThat(SessionHeader.parse("A1b2-C3.d4;x-foo=bar;timeout=30"))
                .isEqualTo(new SessionHeader("A1b2-C3.d4", OptionalInt.of(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";timeout=60", "1234 5678", "1234;timeout", "1234;timeout=abc",
            "1234;timeout=99999999999", "1234;timeout=-1", "\"1234\""})
    void parse_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> SessionHeader.parse(value)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("sessions")
    void parse_ofFormat_isIdentity(SessionHeader s) throws Exception {
        assertThat(SessionHeader.parse(s.format())).isEqualTo(s);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) {
        HeaderGenerators.assertParsesStablyOrRaisesParseError(HeaderGenerators.text(input), SessionHeader::parse,
                SessionHeader::format);
    }

    static Stream<SessionHeader> sessions() {
        return Generators.cases(1000, r -> {
            String id = HeaderGenerators.bareValue(r);
            return Generators.chance(r, 0.7) ? SessionHeader.of(id, Generators.between(r, 0, Integer.MAX_VALUE))
                    : SessionHeader.of(id);
        });
    }
}
