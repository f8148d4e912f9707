package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

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

    @Property
    void parse_ofFormat_isIdentity(@ForAll("sessions") SessionHeader s) throws Exception {
        assertThat(SessionHeader.parse(s.format())).isEqualTo(s);
    }

    @Property(tries = 2000)
    void parse_arbitraryText_parsesOrThrowsParseException(@ForAll("headerish") String value) {
        HeaderArbitraries.assertParsesStablyOrRaisesParseError(value, SessionHeader::parse, SessionHeader::format);
    }

    @Provide
    Arbitrary<String> headerish() {
        return HeaderArbitraries.headerish();
    }

    @Provide
    Arbitrary<SessionHeader> sessions() {
        return HeaderArbitraries.bareValue().flatMap(id -> Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .optional(0.7).map(t -> t.map(v -> SessionHeader.of(id, v)).orElse(SessionHeader.of(id))));
    }
}
