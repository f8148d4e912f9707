package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.SpecDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionDescriptionTest {
    private static final String GRANDSTREAM_FORMATTED = "m=video 0 RTP/AVP 96\r\n"
            + "a=control:trackID=0\r\n"
            + "a=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=\r\n"
            + "m=audio 0 RTP/AVP 0\r\n"
            + "a=control:trackID=1\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=ptime:20\r\n";

    @Test
    void parse_grandstreamDescribeAnswer_readsVideoAndAudioTracks() throws Exception {
        SessionDescription sdp = SessionDescription.parse(CameraSdpFixtures.GRANDSTREAM);

        assertThat(sdp.lines()).isEmpty();
        assertThat(sdp.version()).isEmpty();
        assertThat(sdp.media()).hasSize(2);
        MediaDescription video = sdp.media("video").get(0);
        assertThat(video.port()).isZero();
        assertThat(video.proto()).isEqualTo("RTP/AVP");
        assertThat(video.payloadTypes()).containsExactly(96);
        assertThat(video.control()).hasValue("trackID=0");
        assertThat(video.rtpMapFor(96)).hasValue(new RtpMap(96, "H264", 90000));
        Map<String, String> fmtp = video.fmtp(96);
        assertThat(fmtp).containsExactly(Map.entry("packetization-mode", "1"),
                Map.entry("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA="));
        SpropParameterSets sprop = SpropParameterSets.parse(fmtp.get("sprop-parameter-sets"));
        assertThat(HexFormat.of().formatHex(sprop.sps().orElseThrow())).isEqualTo("6742e01eda02c0f440");
        assertThat(HexFormat.of().formatHex(sprop.pps().orElseThrow())).isEqualTo("68ce30a480");

        MediaDescription audio = sdp.media("audio").get(0);
        assertThat(audio.control()).hasValue("trackID=1");
        assertThat(audio.rtpMapFor(0)).hasValue(new RtpMap(0, "PCMU", 8000));
        assertThat(audio.ptime()).hasValue(20);
    }

    @Test
    void parse_grandstreamAnswerAsTheSpecPrintsIt_skipsBlankLinesBetween() throws Exception {
        // The spec document puts a blank line after every line of the message.
        String asPrinted = CameraSdpFixtures.GRANDSTREAM.replace("\r\n", "\r\n\r\n");
        assertThat(SessionDescription.parse(asPrinted)).isEqualTo(SessionDescription.parse(CameraSdpFixtures.GRANDSTREAM));
    }

    @Test
    void parse_theSpecDocumentsOwnText_findsTheDescribeAnswer() throws Exception {
        String text = SpecDocument.text();
        String body = text.substring(text.indexOf("m=video"), text.indexOf("NOTE: 704*480"));
        assertThat(SessionDescription.parse(body).format()).isEqualTo(GRANDSTREAM_FORMATTED);
    }

    @Test
    void format_grandstreamAnswer_dropsTrailingSpacesAndUsesCrlf() throws Exception {
        assertThat(SessionDescription.parse(CameraSdpFixtures.GRANDSTREAM).format()).isEqualTo(GRANDSTREAM_FORMATTED);
    }

    @Test
    void parseStrict_grandstreamAnswer_isRejectedForMissingVersion() {
        assertThatThrownBy(() -> SessionDescription.parse(GRANDSTREAM_FORMATTED, SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("v=");
    }

    @Test
    void build_grandstreamShape_writesTheSpecsLines() {
        Map<String, String> fmtp = new LinkedHashMap<>();
        fmtp.put("packetization-mode", "1");
        fmtp.put("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA=");
        SessionDescription sdp = SessionDescription.builder()
                .media(MediaDescription.builder("video", 0, "RTP/AVP")
                        .control("trackID=0").rtpmap(new RtpMap(96, "H264", 90000)).fmtp(96, fmtp).build())
                .media(MediaDescription.builder("audio", 0, "RTP/AVP")
                        .control("trackID=1").rtpmap(new RtpMap(0, "PCMU", 8000)).ptime(20).build())
                .build();
        assertThat(sdp.format()).isEqualTo(GRANDSTREAM_FORMATTED);
    }

    @Test
    void build_fullHeaderInAnyCallOrder_writesRfcOrderAndParsesStrictly() throws Exception {
        SessionDescription sdp = SessionDescription.builder()
                .control("*")
                .connection(ConnectionData.of("0.0.0.0"))
                .standardHeader(Origin.of("30507280", "192.168.86.232"), "GrandStream Rtsp Server")
                .media(MediaDescription.builder("video", 0, "RTP/AVP").rtpmap(new RtpMap(96, "H264", 90000))
                        .framerate(30).control("trackID=0").build())
                .build();
        assertThat(sdp.format()).isEqualTo("v=0\r\n"
                + "o=- 30507280 30507280 IN IP4 192.168.86.232\r\n"
                + "s=GrandStream Rtsp Server\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=control:*\r\n"
                + "m=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H264/90000\r\n"
                + "a=framerate:30\r\n"
                + "a=control:trackID=0\r\n");
        assertThat(SessionDescription.parse(sdp.format(), SdpCompliance.STRICT)).isEqualTo(sdp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parse_realCameraSdp_readsEveryMediaSectionAndReformatsStably(CameraSdpFixtures.Fixture fixture) throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture.sdp());
        assertThat(sdp.media()).hasSize(fixture.mediaCount());
        String formatted = sdp.format();
        assertThat(formatted).doesNotContain(" \r\n").endsWith("\r\n");
        assertThat(SessionDescription.parse(formatted)).isEqualTo(sdp);
    }

    static List<CameraSdpFixtures.Fixture> fixtures() {
        return CameraSdpFixtures.ALL;
    }

    @Test
    void parse_duplicateConnectionLines_keepsTheFirstAtEachLevel() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("duplicate c="));
        assertThat(sdp.lines()).filteredOn(l -> l.type() == 'c').hasSize(1);
        assertThat(sdp.connection()).hasValue(new ConnectionData("IN", "IP4", "0.0.0.0"));
        assertThat(sdp.media().get(0).lines()).filteredOn(l -> l.type() == 'c').hasSize(1);
    }

    @Test
    void parseStrict_duplicateSessionConnection_isRejected() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(sdp, SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("c=");
    }

    @Test
    void parse_emptySpropParameterSets_givesNoNalUnits() throws Exception {
        MediaDescription video = SessionDescription.parse(fixture("duplicate c=")).media().get(0);
        assertThat(video.fmtp(96)).containsEntry("sprop-parameter-sets", "");
        assertThat(SpropParameterSets.parse(video.fmtp(96).get("sprop-parameter-sets")).isEmpty()).isTrue();
    }

    @Test
    void parse_originNumbersBeyond64Bits_keepsThemAsText() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("mediamtx/115"));
        assertThat(sdp.origin()).hasValue(new Origin("-", "16379793953309178445", "16379793953309178445", "IN", "IP4", "5c2b68da"));
        assertThat(sdp.format()).contains("o=- 16379793953309178445 16379793953309178445 IN IP4 5c2b68da\r\n");
    }

    @Test
    void parse_originWithoutAddressAndAbsoluteControls_keepsBoth() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("mediamtx/121"));
        assertThat(sdp.origin()).hasValue(new Origin("RTSP", "16381778200090761968", "16381778200090839277", "IN", "IP4", ""));
        MediaDescription audio = sdp.media().get(1);
        assertThat(audio.control()).hasValue("rtsp://10.10.1.30:8554/onvif2/audio/trackID=1");
        assertThat(ControlUrl.resolve("rtsp://10.10.1.30:8554/onvif2", audio.control().orElseThrow()))
                .isEqualTo("rtsp://10.10.1.30:8554/onvif2/audio/trackID=1");
        assertThat(audio.rtpmap(0)).hasValue(new RtpMap(0, "PCMU", 8000, 1));
    }

    @Test
    void parse_hikvisionRepeatedConnectionPrefix_readsTheAddress() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("mediamtx/227"));
        assertThat(sdp.connection()).hasValue(new ConnectionData("IN", "IP4", "0.0.0.0"));
        assertThat(sdp.control()).hasValue("*");
        assertThat(sdp.range()).hasValue("npt=now-");
        assertThat(sdp.media().get(0).information()).hasValue("Video Media");
    }

    @Test
    void parse_usernameWithSpaces_readsOriginFromTheNetworkType() throws Exception {
        assertThat(SessionDescription.parse(fixture("mediamtx/127")).origin())
                .hasValue(new Origin("RTSP Session", "1", "2", "IN", "IP4", "0.0.0.0"));
        assertThat(SessionDescription.parse(fixture("gortsplib/201")).origin())
                .hasValue(new Origin("JefferyZhang Inno Fuzhou", "0", "0", "IN", "IP4", "127.0.0.1"));
    }

    @Test
    void parse_staticPayloadTypesWithoutRtpmap_resolveFromRfc3551() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("ONVIF"));
        assertThat(sdp.media().get(0).rtpMapFor(26)).hasValue(new RtpMap(26, "JPEG", 90000));
        assertThat(sdp.media().get(0).rtpmap(26)).isEmpty();
        assertThat(sdp.media().get(1).rtpMapFor(0)).hasValue(new RtpMap(0, "PCMU", 8000, 1));
        assertThat(sdp.media().get(1).rtpMapFor(96)).isEmpty();
    }

    @Test
    void parse_multipleFormatsInOneSection_findsEachFormatsAttributes() throws Exception {
        MediaDescription m = SessionDescription.parse(fixture("gortsplib/85")).media().get(0);
        assertThat(m.payloadTypes()).containsExactly(96, 97, 111, 112, 99);
        assertThat(m.rtpmap(111)).hasValue(new RtpMap(111, "H264", 90000));
        assertThat(m.fmtp(111)).containsEntry("packetization-mode", "1");
        assertThat(m.fmtp(99)).containsExactly(Map.entry("sampling", "mono"), Map.entry("width", "320"),
                Map.entry("height", "240"), Map.entry("depth", "16"));
        assertThat(m.fmtp(97)).isEmpty();
        assertThat(m.framerate()).hasValue(30.0);
    }

    @Test
    void parse_nonNumericFormatAndMediaType_keepsThemAsTokens() throws Exception {
        MediaDescription m = SessionDescription.parse(fixture("mediamtx/990")).media().get(2);
        assertThat(m.media()).isEqualTo("application/TP-LINK");
        assertThat(m.formats()).containsExactly("smart/1/90000");
        assertThat(m.payloadTypes()).isEmpty();
    }

    @Test
    void parse_fractionalFramerateAndSessionRange_areRead() throws Exception {
        SessionDescription sdp = SessionDescription.parse(fixture("mediamtx/85"));
        assertThat(sdp.range()).hasValue("npt=now-");
        assertThat(sdp.media().get(0).framerate()).hasValue(25.0);
        assertThat(sdp.media().get(0).fmtp(105)).containsKeys("packetization-mode", "profile-level-id", "sprop-parameter-sets");
    }

    @Test
    void parse_unknownLineTypes_areKeptInOrder() throws Exception {
        SessionDescription sdp = SessionDescription.parse("v=0\r\nx=vendor thing\r\ns=-\r\nm=video 0 RTP/AVP 96\r\ny=1\r\n");
        assertThat(sdp.lines()).containsExactly(new SdpLine('v', "0"), new SdpLine('x', "vendor thing"), new SdpLine('s', "-"));
        assertThat(sdp.media().get(0).lines()).containsExactly(new SdpLine('y', "1"));
        assertThat(sdp.format()).isEqualTo("v=0\r\nx=vendor thing\r\ns=-\r\nm=video 0 RTP/AVP 96\r\ny=1\r\n");
    }

    @Test
    void parse_mediaWithPortCount_readsBoth() throws Exception {
        MediaDescription m = SessionDescription.parse("m=video 49170/2 RTP/AVP 31\r\n").media().get(0);
        assertThat(m.port()).isEqualTo(49170);
        assertThat(m.portCount()).isEqualTo(2);
        assertThat(m.mediaLine()).isEqualTo("video 49170/2 RTP/AVP 31");
    }

    @Test
    void parse_mediaLineWithTabsAndControlCharacters_splitsFieldsOnThem() throws Exception {
        MediaDescription m = SessionDescription.parse("m=video\t0 \u0001RTP/AVP  96\r\n").media().get(0);
        assertThat(m.mediaLine()).isEqualTo("video 0 RTP/AVP 96");
    }

    @Test
    void parse_mediaLineWithoutProtocol_raisesParseErrorAtThatLine() {
        String sdp = "v=0\r\nm=video 0\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(5));
    }

    @Test
    void parse_mediaPortNotANumber_raisesParseError() {
        assertThatThrownBy(() -> SessionDescription.parse("m=video x RTP/AVP 96\r\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> SessionDescription.parse("m=video 70000 RTP/AVP 96\r\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("port");
    }

    @Test
    void parse_textWithoutAnySdpLine_raisesParseError() {
        assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse("<html>404</html>\r\n")).isInstanceOf(ParseException.class);
    }

    @Test
    void parseStrict_rfc4566Example_isAccepted() throws Exception {
        String rfc = "v=0\r\n"
                + "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\n"
                + "s=SDP Seminar\r\n"
                + "i=A Seminar on the session description protocol\r\n"
                + "u=http://www.example.com/seminars/sdp.pdf\r\n"
                + "e=j.doe@example.com (Jane Doe)\r\n"
                + "c=IN IP4 224.2.17.12/127\r\n"
                + "t=2873397496 2873404696\r\n"
                + "r=604800 3600 0 90000\r\n"
                + "a=recvonly\r\n"
                + "m=audio 49170 RTP/AVP 0\r\n"
                + "m=video 51372 RTP/AVP 99\r\n"
                + "a=rtpmap:99 h263-1998/90000\r\n";
        SessionDescription sdp = SessionDescription.parse(rfc, SdpCompliance.STRICT);
        assertThat(sdp.format()).isEqualTo(rfc);
        assertThat(sdp.uri()).hasValue("http://www.example.com/seminars/sdp.pdf");
        assertThat(sdp.connection()).hasValue(new ConnectionData("IN", "IP4", "224.2.17.12/127"));
        assertThat(sdp.media().get(1).rtpmap(99).orElseThrow().isEncoding("H263-1998")).isTrue();
    }

    @Test
    void parseStrict_outOfOrderOrUnknownLines_areRejected() {
        String head = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(head + "a=control:*\r\nt=0 0\r\n", SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> SessionDescription.parse(head + "t=0 0\r\nx=1\r\n", SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("unknown");
        assertThatThrownBy(() -> SessionDescription.parse(head + "t=0 0\r\nm=video 0 RTP/AVP\r\n", SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> SessionDescription.parse(head + "t=0 0 \r\n", SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 IN IP4 h\r\ns=x\r\nt=0 0\r\n", SdpCompliance.STRICT))
                .isInstanceOf(ParseException.class).hasMessageContaining("six fields");
    }

    @Test
    void builder_valueWithLineBreak_isRejected() {
        assertThatThrownBy(() -> SessionDescription.builder().sessionName("x\r\na=evil").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String fixture(String namePrefix) {
        return CameraSdpFixtures.ALL.stream().filter(f -> f.name().startsWith(namePrefix)).findFirst().orElseThrow().sdp();
    }
}
