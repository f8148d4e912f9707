package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.TransportSpec.Delivery;
import io.gscam.protocol.header.TransportSpec.Extension;
import io.gscam.protocol.header.TransportSpec.LowerTransport;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportHeaderTest {

    @Test
    void parse_specTcpInterleaved_readsChannelsAndFormatsVerbatim() throws Exception {
        TransportHeader h = TransportHeader.parse("RTP/AVP/TCP;unicast;interleaved=0-1");

        TransportSpec t = h.first();
        assertThat(h.specs()).hasSize(1);
        assertThat(t.protocol()).isEqualTo("RTP");
        assertThat(t.profile()).isEqualTo("AVP");
        assertThat(t.lowerTransport()).isEqualTo(LowerTransport.TCP);
        assertThat(t.delivery()).contains(Delivery.UNICAST);
        assertThat(t.isMulticast()).isFalse();
        assertThat(t.interleaved()).contains(new ChannelPair(0, 1));
        assertThat(t.clientPort()).isEmpty();
        assertThat(h.format()).isEqualTo("RTP/AVP/TCP;unicast;interleaved=0-1");
    }

    @Test
    void parse_specSecondTrack_readsChannels2And3() throws Exception {
        assertThat(TransportHeader.parse("RTP/AVP/TCP;unicast;interleaved=2-3").first().interleaved())
                .contains(new ChannelPair(2, 3));
    }

    @Test
    void parse_cameraUdpAnswerWithSsrcAndQuotedMode_readsEveryParameter() throws Exception {
        TransportSpec t = TransportHeader.parse(
                "RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=3F2A1B0C;mode=\"PLAY\"").first();

        assertThat(t.declaredLowerTransport()).isEmpty();
        assertThat(t.lowerTransport()).isEqualTo(LowerTransport.UDP);
        assertThat(t.clientPort()).contains(new PortRange(5000, 5001));
        assertThat(t.serverPort()).contains(new PortRange(6970, 6971));
        assertThat(t.ssrc()).hasValue(0x3F2A1B0CL);
        assertThat(t.mode()).contains("PLAY");
        assertThat(t.format())
                .isEqualTo("RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=3F2A1B0C;mode=PLAY");
    }

    @Test
    void parse_singleClientPort_meansRtpAndNextPortForRtcp() throws Exception {
        assertThat(TransportSpec.parse("RTP/AVP;unicast;client_port=5000").clientPort())
                .contains(new PortRange(5000, 5001));
        assertThat(TransportSpec.parse("RTP/AVP/TCP;interleaved=4").interleaved()).contains(new ChannelPair(4, 5));
    }

    @Test
    void parse_spacesAndMixedCase_areTolerated() throws Exception {
        TransportSpec t = TransportSpec.parse(" rtp/avp/tcp ; UNICAST ; Interleaved = 2 - 3 ; Mode = play ;");

        assertThat(t.format()).isEqualTo("RTP/AVP/TCP;unicast;interleaved=2-3;mode=PLAY");
    }

    @Test
    void parse_explicitUdp_isKeptAsWritten() throws Exception {
        TransportSpec t = TransportSpec.parse("RTP/AVP/UDP;unicast;client_port=6000-6001");

        assertThat(t.declaredLowerTransport()).contains(LowerTransport.UDP);
        assertThat(t.format()).isEqualTo("RTP/AVP/UDP;unicast;client_port=6000-6001");
    }

    @Test
    void parse_alternatives_keepsClientPreferenceOrder() throws Exception {
        TransportHeader h = TransportHeader.parse(
                "RTP/AVP;unicast;client_port=5000-5001, RTP/AVP/TCP;unicast;interleaved=0-1");

        assertThat(h.specs()).extracting(TransportSpec::lowerTransport)
                .containsExactly(LowerTransport.UDP, LowerTransport.TCP);
        assertThat(h.format()).isEqualTo("RTP/AVP;unicast;client_port=5000-5001,RTP/AVP/TCP;unicast;interleaved=0-1");
    }

    @Test
    void parse_multicast_readsDestinationTtlAndPort() throws Exception {
        TransportSpec t = TransportSpec.parse("RTP/AVP;multicast;destination=224.2.0.1;ttl=16;port=3456-3457");

        assertThat(t.isMulticast()).isTrue();
        assertThat(t.destination()).contains("224.2.0.1");
        assertThat(t.ttl()).hasValue(16);
        assertThat(t.port()).contains(new PortRange(3456, 3457));
    }

    @Test
    void parse_unknownParameters_areKeptInOrder() throws Exception {
        TransportSpec t = TransportSpec.parse("RTP/AVP;unicast;append;x-dynamic-rate=1;layers=2;x-note=\"a;b\"");

        assertThat(t.extensions()).containsExactly(
                new Extension("append", Optional.empty()),
                new Extension("x-dynamic-rate", Optional.of("1")),
                new Extension("layers", Optional.of("2")),
                new Extension("x-note", Optional.of("a;b")));
        assertThat(t.format()).isEqualTo("RTP/AVP;unicast;append;x-dynamic-rate=1;layers=2;x-note=\"a;b\"");
    }

    @Test
    void parse_ssrcWithoutLeadingZerosOrInDecimal_isRead() throws Exception {
        assertThat(TransportSpec.parse("RTP/AVP;ssrc=1b0c").ssrc()).hasValue(0x1B0CL);
        assertThat(TransportSpec.parse("RTP/AVP;ssrc=4294967295").ssrc()).hasValue(0xFFFFFFFFL);
        assertThat(TransportSpec.parse("RTP/AVP;ssrc=1b0c").format()).isEqualTo("RTP/AVP;ssrc=00001B0C");
    }

    @Test
    void parse_quotedCommaInsideValue_doesNotSplitAlternatives() throws Exception {
        TransportHeader h = TransportHeader.parse("RTP/AVP;mode=\"PLAY,RECORD\",RTP/AVP/TCP");

        assertThat(h.specs()).hasSize(2);
        assertThat(h.first().mode()).contains("PLAY,RECORD");
        assertThat(h.format()).isEqualTo("RTP/AVP;mode=\"PLAY,RECORD\",RTP/AVP/TCP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "RTP", "RTP/AVP/SCTP", "RTP/AVP/TCP/X", "RTP/AVP;client_port=abc",
            "RTP/AVP;client_port=70000", "RTP/AVP/TCP;interleaved=256-257", "RTP/AVP/TCP;interleaved=255",
            "RTP/AVP;mode=\"PLAY", "RTP/AVP;ttl=300", "RTP/AVP;ssrc=XYZ", "RTP/AVP;ssrc=-F2A1B0C", "RTP/AVP;ssrc=+1b0c", "RTP/AVP;ssrc=123456789012",
            "RTP/AVP;interleaved", "RTP/AVP;=5", "RTP/AVP;dest ination=1"})
    void parse_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> TransportHeader.parse(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void parse_badPort_reportsOffsetOfTheValue() {
        assertThatThrownBy(() -> TransportHeader.parse("RTP/AVP;unicast;client_port=50x0-5001"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(30));
    }

    @Test
    void factories_writeWhatClientsSend() {
        assertThat(TransportSpec.tcpInterleaved(ChannelPair.of(2)).format())
                .isEqualTo("RTP/AVP/TCP;unicast;interleaved=2-3");
        assertThat(TransportSpec.udpUnicast(PortRange.of(5000)).format())
                .isEqualTo("RTP/AVP;unicast;client_port=5000-5001");
        TransportSpec answer = TransportSpec.udpUnicast(PortRange.of(5000)).toBuilder()
                .serverPort(PortRange.of(6970)).ssrc(0xDEADBEEFL).build();
        assertThat(answer.format())
                .isEqualTo("RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=DEADBEEF");
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("transportHeaders")
    void parse_ofFormat_isIdentity(TransportHeader h) throws Exception {
        assertThat(TransportHeader.parse(h.format())).isEqualTo(h);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) {
        HeaderGenerators.assertParsesStablyOrRaisesParseError(HeaderGenerators.text(input), TransportHeader::parse,
                TransportHeader::format);
    }

    static Stream<TransportHeader> transportHeaders() {
        return Generators.cases(1000, r -> new TransportHeader(Generators.list(r, 1, 3, TransportHeaderTest::transportSpec)));
    }

    private static final List<String> MODELLED = List.of("unicast", "multicast", "destination", "source", "interleaved",
            "ttl", "port", "client_port", "server_port", "ssrc", "mode");

    private static TransportSpec transportSpec(SplittableRandom r) {
        TransportSpec.Builder b = TransportSpec.builder();
        b.lowerTransport(Generators.chance(r, 0.3) ? null : Generators.oneOf(r, LowerTransport.values()));
        b.delivery(Generators.chance(r, 0.3) ? null : Generators.oneOf(r, Delivery.values()));
        if (Generators.chance(r, 0.2)) {
            b.protocol(HeaderGenerators.token(r).toUpperCase(), "AVP");
        }
        if (Generators.chance(r, 0.3)) {
            b.destination(HeaderGenerators.bareValue(r));
        }
        if (Generators.chance(r, 0.3)) {
            b.source(HeaderGenerators.bareValue(r));
        }
        if (Generators.chance(r, 0.5)) {
            b.interleaved(new ChannelPair(Generators.between(r, 0, 255), Generators.between(r, 0, 255)));
        }
        if (Generators.chance(r, 0.3)) {
            b.ttl(Generators.between(r, 0, 255));
        }
        if (Generators.chance(r, 0.3)) {
            b.port(ports(r));
        }
        if (Generators.chance(r, 0.5)) {
            b.clientPort(ports(r));
        }
        if (Generators.chance(r, 0.5)) {
            b.serverPort(ports(r));
        }
        if (Generators.chance(r, 0.4)) {
            b.ssrc(Generators.between(r, 0L, 0xFFFFFFFFL));
        }
        if (Generators.chance(r, 0.3)) {
            String mode;
            do {
                mode = HeaderGenerators.quotable(r);
            } while (mode.isBlank());
            b.mode(mode);
        }
        Generators.list(r, 0, 3, TransportHeaderTest::extension).forEach(b::addExtension);
        return b.build();
    }

    private static PortRange ports(SplittableRandom r) {
        return new PortRange(Generators.between(r, 0, 65535), Generators.between(r, 0, 65535));
    }

    private static Extension extension(SplittableRandom r) {
        String name;
        do {
            name = HeaderGenerators.token(r);
        } while (MODELLED.contains(name.toLowerCase()));
        return new Extension(name, Generators.optional(r, 0.8, HeaderGenerators::quotable));
    }
}
