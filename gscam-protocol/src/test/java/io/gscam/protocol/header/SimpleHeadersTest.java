package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

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

    @Property
    void cseq_parseOfFormat_isIdentity(@ForAll("cseqs") long v) throws Exception {
        assertThat(CSeq.parse(new CSeq(v).format())).isEqualTo(new CSeq(v));
    }

    @Property
    void public_parseOfFormat_isIdentity(@ForAll("methodLists") PublicHeader p) throws Exception {
        assertThat(PublicHeader.parse(p.format())).isEqualTo(p);
    }

    @Property(tries = 1000)
    void parse_arbitraryText_parsesOrThrowsParseException(@ForAll("headerish") String value) {
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

    @Provide
    Arbitrary<String> headerish() {
        return HeaderArbitraries.headerish();
    }

    @Provide
    Arbitrary<Long> cseqs() {
        return Arbitraries.longs().between(0, CSeq.MAX);
    }

    @Provide
    Arbitrary<PublicHeader> methodLists() {
        return HeaderArbitraries.token().list().ofMaxSize(8).map(PublicHeader::new);
    }
}
