package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Function;

import static io.gscam.testkit.Generators.string;
import static io.gscam.testkit.FuzzChecks.checkBetween;
import static io.gscam.testkit.FuzzChecks.checkEqual;

/** Generators and checks shared by the header tests. */
final class HeaderGenerators {
    private HeaderGenerators() {
    }

    /** Values that may be written bare: visible ASCII without separators. */
    static String bareValue(SplittableRandom r) {
        return string(r, '!', '~', "", "\";,=\\", 1, 20);
    }

    static String token(SplittableRandom r) {
        return string(r, '!', '~', "", "()<>@,;:\\\"/[]?={}", 1, 12);
    }

    /** Text allowed inside a quoted string, including quotes and backslashes to escape. */
    static String quotable(SplittableRandom r) {
        return string(r, ' ', '~', "\té\u00a0", "", 0, 24);
    }

    /** A fuzz input as header text. */
    static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
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
            checkBetween(expected.offset(), 0, value.length(), "failure offset");
            return;
        }
        try {
            checkEqual(parser.parse(format.apply(parsed)), parsed, "formatted and parsed again");
        } catch (ParseException e) {
            throw new AssertionError("formatted " + parsed + " does not parse back", e);
        }
    }
}
