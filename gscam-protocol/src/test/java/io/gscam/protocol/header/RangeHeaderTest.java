package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeHeaderTest {

    @Test
    void parse_specPlayRange_isFromZeroToTheEnd() throws Exception {
        RangeHeader r = RangeHeader.parse("npt=0.000-");

        assertThat(r).isEqualTo(RangeHeader.from(NptTime.ZERO));
        assertThat(r.format()).isEqualTo("npt=0.000-");
    }

    @Test
    void parse_nowOpenEnded_isLive() throws Exception {
        RangeHeader r = RangeHeader.parse("npt=now-");

        assertThat(r).isEqualTo(RangeHeader.from(NptTime.NOW));
        assertThat(((RangeHeader.Npt) r).start().orElseThrow().isNow()).isTrue();
        assertThat(r.format()).isEqualTo("npt=now-");
    }

    @Test
    void parse_closedRangeWithSpacesAndCase_readsBothEnds() throws Exception {
        RangeHeader r = RangeHeader.parse(" NPT = 10 - 20.25 ;time=19970123T153600Z");

        assertThat(r).isEqualTo(new RangeHeader.Npt(Optional.of(NptTime.of(Duration.ofSeconds(10))),
                Optional.of(NptTime.of(Duration.ofMillis(20_250)))));
        assertThat(r.format()).isEqualTo("npt=10.000-20.250");
    }

    @Test
    void parse_hoursMinutesSeconds_isReadAsAnOffset() throws Exception {
        RangeHeader r = RangeHeader.parse("npt=1:02:03.5-");

        assertThat(((RangeHeader.Npt) r).start()).contains(NptTime.of(Duration.ofMillis(3_723_500)));
        assertThat(r.format()).isEqualTo("npt=3723.500-");
    }

    @Test
    void parse_endOnly_hasNoStart() throws Exception {
        RangeHeader r = RangeHeader.parse("npt=-30");

        assertThat(((RangeHeader.Npt) r).start()).isEmpty();
        assertThat(r.format()).isEqualTo("npt=-30.000");
    }

    @Test
    void parse_nanosecondFraction_keepsItsDigits() throws Exception {
        assertThat(RangeHeader.parse("npt=1.123456789-").format()).isEqualTo("npt=1.123456789-");
        assertThat(RangeHeader.parse("npt=1.1234567891-").format()).isEqualTo("npt=1.123456789-");
    }

    @Test
    void parse_clockAndSmpte_areKeptAsText() throws Exception {
        assertThat(RangeHeader.parse("clock=19961108T142300Z-19961108T143520Z"))
                .isEqualTo(new RangeHeader.Other("clock", "19961108T142300Z-19961108T143520Z"));
        assertThat(RangeHeader.parse("clock=19961108T142300.25Z-").format()).isEqualTo("clock=19961108T142300.25Z-");
        RangeHeader smpte = RangeHeader.parse("smpte=10:07:00-10:07:33:05.01");
        assertThat(smpte.format()).isEqualTo("smpte=10:07:00-10:07:33:05.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "npt", "npt=", "npt=-", "npt=abc-", "npt=1:2-", "npt=1:60:00-", "npt=1.2.3-",
            "npt=99999999999-", "=0-", "clock=a b", "np t=0-", "npt=0-A", "clock=19961108T142300-",
            "clock=-19961108T143520Z", "clock=19961108T142300Z-x",
            "clock=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void parse_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> RangeHeader.parse(value)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("ranges")
    void parse_ofFormat_isIdentity(RangeHeader r) throws Exception {
        assertThat(RangeHeader.parse(r.format())).isEqualTo(r);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) {
        HeaderGenerators.assertParsesStablyOrRaisesParseError(HeaderGenerators.text(input), RangeHeader::parse,
                RangeHeader::format);
    }

    /** Four in five an npt range with at least one end, else a clock or smpte range kept as text. */
    static Stream<RangeHeader> ranges() {
        return Generators.cases(1000, r -> {
            if (r.nextInt(5) == 0) {
                String unit = Generators.oneOf(r, "clock", "smpte", "smpte-30-drop");
                return new RangeHeader.Other(unit, unit.equals("clock") ? clockRange(r) : HeaderGenerators.bareValue(r));
            }
            Optional<NptTime> start = Generators.optional(r, 0.7, RangeHeaderTest::time);
            Optional<NptTime> end = start.isPresent() ? Generators.optional(r, 0.5, RangeHeaderTest::time)
                    : Optional.of(time(r));
            return new RangeHeader.Npt(start, end);
        });
    }

    /** RFC 2326's {@code utc-time "-" [utc-time]}, from random digits. */
    private static String clockRange(SplittableRandom r) {
        java.util.function.Supplier<String> utc = () -> String.format(java.util.Locale.ROOT, "%08dT%06d%sZ",
                r.nextInt(100_000_000), r.nextInt(1_000_000), r.nextBoolean() ? "" : "." + r.nextInt(1000));
        return utc.get() + "-" + (r.nextBoolean() ? utc.get() : "");
    }

    private static NptTime time(SplittableRandom r) {
        return Generators.chance(r, 0.5) ? NptTime.NOW : NptTime.of(Duration.ofSeconds(
                Generators.between(r, 0L, 9_999_999_999L), Generators.between(r, 0, 999_999_999)));
    }
}
