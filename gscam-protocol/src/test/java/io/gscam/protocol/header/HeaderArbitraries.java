package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Generators and checks shared by the header property tests. */
final class HeaderArbitraries {
    private HeaderArbitraries() {
    }

    /**
     * Strings made mostly of the characters header parsers split on, so random input reaches deep
     * into them, mixed with arbitrary Unicode.
     */
    static Arbitrary<String> headerish() {
        Arbitrary<String> syntax = Arbitraries.strings()
                .withChars("RTPAVUDCnpt=-;,:\"\\ ./0123456789abcdefxyz_\t\r\n")
                .ofMaxLength(80);
        return Arbitraries.oneOf(syntax, Arbitraries.strings().ofMaxLength(80));
    }

    /** Values that may be written bare: visible ASCII without separators. */
    static Arbitrary<String> bareValue() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('"', ';', ',', '=', '\\')
                .ofMinLength(1).ofMaxLength(20);
    }

    static Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('(', ')', '<', '>', '@', ',', ';', ':',
                '\\', '"', '/', '[', ']', '?', '=', '{', '}').ofMinLength(1).ofMaxLength(12);
    }

    /** Text allowed inside a quoted string, including quotes and backslashes to escape. */
    static Arbitrary<String> quotable() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é', '\u00a0').ofMaxLength(24);
    }

    /** A header's static parse method. */
    @FunctionalInterface
    interface HeaderParser<T> {
        T parse(String value) throws ParseException;
    }

    /**
     * The property every header parser keeps for any text: it either parses to a value whose format
     * parses back to that value, or raises {@link ParseException} at an offset inside the text.
     */
    static <T> void assertParsesStablyOrRaisesParseError(String value, HeaderParser<T> parser,
                                                         Function<T, String> format) {
        T parsed;
        try {
            parsed = parser.parse(value);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
            return;
        }
        try {
            assertThat(parser.parse(format.apply(parsed))).isEqualTo(parsed);
        } catch (ParseException e) {
            throw new AssertionError("formatted " + parsed + " does not parse back", e);
        }
    }
}
