package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSeq and Public: one-line headers with little room for cameras to be creative. */
class SimpleHeadersTest {

    @Test
    void cseq_parse_readsSpecValueWithTrailingSpace() throws Exception {
        // the spec's lines end in a space: "CSeq: 1 "
        assertThat(CSeq.parse("1 ")).isEqualTo(new CSeq(1));
        assertThat(CSeq.parse("5").format()).isEqualTo("5");
    }

    @Test
    void cseq_next_incrementsAndWrapsAt32Bits() {
        assertThat(new CSeq(4).next()).isEqualTo(new CSeq(5));
        assertThat(new CSeq(CSeq.MAX).next()).isEqualTo(new CSeq(0));
    }

    @Test
    void cseq_parse_rejectsNonDigitsAndOverflow() {
        assertThatThrownBy(() -> CSeq.parse("")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CSeq.parse("1a")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CSeq.parse("-1")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CSeq.parse("4294967296")).isInstanceOf(ParseException.class);
    }

    @Test
    void public_parse_readsMethodsAndMatchesAnyCase() throws Exception {
        PublicHeader p = PublicHeader.parse("OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY,, get_parameter");

        assertThat(p.methods()).containsExactly("OPTIONS", "DESCRIBE", "SETUP", "TEARDOWN", "PLAY", "get_parameter");
        assertThat(p.supports("GET_PARAMETER")).isTrue();
        assertThat(p.supports("PAUSE")).isFalse();
        assertThat(p.format()).isEqualTo("OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, get_parameter");
    }

    @Test
    void public_parse_rejectsNonTokens() {
        assertThatThrownBy(() -> PublicHeader.parse("OPTIONS, SET UP")).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("cseqs")
    void cseq_parseOfFormat_isIdentity(long v) throws Exception {
        assertThat(CSeq.parse(new CSeq(v).format())).isEqualTo(new CSeq(v));
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("methodLists")
    void public_parseOfFormat_isIdentity(PublicHeader p) throws Exception {
        assertThat(PublicHeader.parse(p.format())).isEqualTo(p);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) {
        String value = HeaderGenerators.text(input);
        try {
            CSeq.parse(value);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
        }
        try {
            PublicHeader.parse(value);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
        }
    }

    static Stream<Long> cseqs() {
        return Generators.cases(1000, r -> Generators.between(r, 0L, CSeq.MAX));
    }

    static Stream<PublicHeader> methodLists() {
        return Generators.cases(1000, r -> new PublicHeader(Generators.list(r, 0, 8, HeaderGenerators::token)));
    }
}
