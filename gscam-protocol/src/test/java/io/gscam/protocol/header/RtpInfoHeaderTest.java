package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.RtpInfoHeader.Entry;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpInfoHeaderTest {

    @Test
    void parse_twoTracks_readsUrlSeqAndRtptimeOfEach() throws Exception {
        String value = "url=rtsp://192.168.86.232:554/0/trackID=0;seq=17;rtptime=90000,"
                + "url=rtsp://192.168.86.232:554/0/trackID=1;seq=5;rtptime=4294967295";
        RtpInfoHeader h = RtpInfoHeader.parse(value);

        assertThat(h.entries()).containsExactly(
                Entry.of("rtsp://192.168.86.232:554/0/trackID=0", 17, 90_000),
                Entry.of("rtsp://192.168.86.232:554/0/trackID=1", 5, 0xFFFF_FFFFL));
        assertThat(h.format()).isEqualTo(value);
    }

    @Test
    void parse_spacesCaseQuotesAndOrder_areTolerated() throws Exception {
        RtpInfoHeader h = RtpInfoHeader.parse(
                " RTPTIME = 1 ; Seq=2 ; URL=\"rtsp://cam/a;b\" ,\r\n url=trackID=1;ssrc=1234ABCD");

        assertThat(h.entries()).containsExactly(
                Entry.of("rtsp://cam/a;b", 2, 1),
                new Entry("trackID=1", OptionalInt.empty(), OptionalLong.empty()));
        assertThat(h.format()).isEqualTo("url=\"rtsp://cam/a;b\";seq=2;rtptime=1,url=trackID=1");
    }

    @Test
    void parse_emptySeqAndRtptime_areAbsent() throws Exception {
        Entry e = RtpInfoHeader.parse("url=rtsp://cam/0;seq=;rtptime=").entries().get(0);

        assertThat(e.seq()).isEmpty();
        assertThat(e.rtpTime()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "seq=1;rtptime=2", "url=;seq=1", "url=x;seq=65536", "url=x;rtptime=4294967296",
            "url=x;seq=a", "url=\"x", "url=x;;=1"})
    void parse_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> RtpInfoHeader.parse(value)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("headers")
    void parse_ofFormat_isIdentity(RtpInfoHeader h) throws Exception {
        assertThat(RtpInfoHeader.parse(h.format())).isEqualTo(h);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) {
        HeaderGenerators.assertParsesStablyOrRaisesParseError(HeaderGenerators.text(input), RtpInfoHeader::parse,
                RtpInfoHeader::format);
    }

    static Stream<RtpInfoHeader> headers() {
        return Generators.cases(1000, r -> new RtpInfoHeader(Generators.list(r, 1, 3, RtpInfoHeaderTest::entry)));
    }

    private static Entry entry(SplittableRandom r) {
        String url = Generators.chance(r, 0.5) ? Generators.string(r, '!', '~', "", "", 1, 30)
                : Generators.oneOf(r, "rtsp://192.168.86.232:554/0/trackID=0", "trackID=1", "rtsp://h/a,b;c");
        OptionalInt seq = Generators.chance(r, 0.8) ? OptionalInt.of(Generators.between(r, 0, 0xFFFF)) : OptionalInt.empty();
        OptionalLong time = Generators.chance(r, 0.8) ? OptionalLong.of(Generators.between(r, 0L, 0xFFFF_FFFFL))
                : OptionalLong.empty();
        return new Entry(url, seq, time);
    }
}
