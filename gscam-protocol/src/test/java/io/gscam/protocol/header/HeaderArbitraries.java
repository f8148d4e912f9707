package io.gscam.protocol.header;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators shared by the header property tests. */
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
}
