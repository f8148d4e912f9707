package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.RtpInfoHeader.Entry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;
import java.util.OptionalLong;

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

    @Property
    void parse_ofFormat_isIdentity(@ForAll("headers") RtpInfoHeader h) throws Exception {
        assertThat(RtpInfoHeader.parse(h.format())).isEqualTo(h);
    }

    @Property(tries = 2000)
    void parse_arbitraryText_parsesOrThrowsParseException(@ForAll("headerish") String value) {
        HeaderArbitraries.assertParsesStablyOrRaisesParseError(value, RtpInfoHeader::parse, RtpInfoHeader::format);
    }

    @Provide
    Arbitrary<String> headerish() {
        return HeaderArbitraries.headerish();
    }

    @Provide
    Arbitrary<RtpInfoHeader> headers() {
        Arbitrary<String> urls = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("rtsp://192.168.86.232:554/0/trackID=0", "trackID=1", "rtsp://h/a,b;c"));
        Arbitrary<Entry> entries = Combinators.combine(urls,
                Arbitraries.integers().between(0, 0xFFFF).optional(),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).optional())
                .as((u, s, t) -> new Entry(u, s.map(OptionalInt::of).orElse(OptionalInt.empty()),
                        t.map(OptionalLong::of).orElse(OptionalLong.empty())));
        return entries.list().ofMinSize(1).ofMaxSize(3).map(RtpInfoHeader::new);
    }
}
