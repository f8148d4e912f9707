package io.gscam.protocol.rtsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static io.gscam.protocol.rtsp.SpecMessages.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The protocol document's messages parse to what they say and write back byte for byte. */
class SpecMessagesTest {

    static Stream<String> allMessages() {
        return Stream.concat(SpecMessages.REQUESTS.stream(), SpecMessages.RESPONSES.stream());
    }

    @ParameterizedTest
    @MethodSource("allMessages")
    void specMessage_writesBackByteForByte(String fixture) throws Exception {
        RtspMessage message = RtspMessages.parse(bytes(fixture));
        assertThat(new String(message.toBytes(), StandardCharsets.UTF_8)).isEqualTo(fixture);
    }

    @ParameterizedTest
    @MethodSource("allMessages")
    void specMessage_parseOfWrite_isEqualValue(String fixture) throws Exception {
        RtspMessage message = RtspMessages.parse(bytes(fixture));
        assertThat(RtspMessages.parse(message.toBytes())).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("allMessages")
    void specMessage_withThePdfsTrailingSpaces_parsesToTheSameValue(String fixture) throws Exception {
        // The document's text has a space before every line end, blank lines included (" \r\n").
        int headerEnd = fixture.indexOf("\r\n\r\n") + 4;
        String spaced = fixture.substring(0, headerEnd).replace("\r\n", " \r\n") + fixture.substring(headerEnd);
        assertThat(RtspMessages.parse(bytes(spaced))).isEqualTo(RtspMessages.parse(bytes(fixture)));
    }

    @Test
    void describe_readsMethodUriAndHeaders() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.DESCRIBE));
        assertThat(r.method()).isSameAs(RtspMethod.DESCRIBE);
        assertThat(r.uri()).isEqualTo("rtsp://192.168.86.232:554/0");
        assertThat(r.version()).isEqualTo("RTSP/1.0");
        assertThat(r.headers().asList()).containsExactly(
                new RtspHeader("CSeq", "1"),
                new RtspHeader("Accept", "application/sdp"),
                new RtspHeader("User-Agent", "Grandstream Client"));
        assertThat(r.bodyLength()).isZero();
    }

    @Test
    void unauthorized_readsStatusAndChallenge() throws Exception {
        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.UNAUTHORIZED));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo(RtspStatus.UNAUTHORIZED.reason());
        assertThat(r.header("www-authenticate"))
                .contains("Digest realm=\"Surveillance Server\", nonce=\"30507280\"");
        assertThat(r.header(RtspHeaderNames.SERVER)).contains("GrandStream Rtsp Server V100R001");
    }

    @Test
    void describeWithAuthorization_keepsTheWholeDigestOnOneValue() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.DESCRIBE_WITH_AUTHORIZATION));
        assertThat(r.header(RtspHeaderNames.AUTHORIZATION)).contains(SpecMessages.DESCRIBE_AUTH);
        assertThat(r.header(RtspHeaderNames.CSEQ)).contains("2");
    }

    @Test
    void authorizationWrappedAsInTheDocument_parsesAsObsFoldContinuation() throws Exception {
        // The document breaks the line after 'nonce="30507280",'; sent with a leading space it is an
        // RFC 7230 obs-fold continuation and must read as the joined value.
        String folded = SpecMessages.DESCRIBE_WITH_AUTHORIZATION.replace(
                "nonce=\"30507280\", uri=", "nonce=\"30507280\", \r\n uri=");
        assertThat(folded).isNotEqualTo(SpecMessages.DESCRIBE_WITH_AUTHORIZATION);
        RtspRequest r = RtspMessages.parseRequest(bytes(folded));
        assertThat(r).isEqualTo(RtspMessages.parse(bytes(SpecMessages.DESCRIBE_WITH_AUTHORIZATION)));
        assertThat(r.header("Authorization")).contains(SpecMessages.DESCRIBE_AUTH);
    }

    @Test
    void describeOk_contentLength219_isTheTrueLengthOfTheSdpWithCrlf() throws Exception {
        // Found: the eight SDP lines as printed, each ended by CRLF, are exactly 219 bytes, so the
        // document's Content-length is right for a CRLF body (with bare LF it would be 211). The printed
        // SDP lacks v=, o=, s= and t= lines; the body is what the header's length covers, nothing more.
        assertThat(bytes(SpecMessages.SDP)).hasSize(219);
        assertThat(bytes(SpecMessages.SDP.replace("\r\n", "\n"))).hasSize(211);

        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.DESCRIBE_OK));
        assertThat(r.bodyLength()).isEqualTo(219);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(SpecMessages.SDP);
        assertThat(r.header("Content-Length")).contains("219");
        // The camera's spelling survives the round trip.
        assertThat(r.headers().asList()).contains(new RtspHeader("Content-length", "219"));
        assertThat(r.header(RtspHeaderNames.CONTENT_BASE)).contains("rtsp://192.168.86.232/0");
        assertThat(r.header(RtspHeaderNames.SERVER)).contains("GrandStream Rtsp Server 704*480*30*1024");
    }

    @Test
    void describeOk_withLfOnlySdp_readsOnlyContentLengthBytesAndNextMessageFollows() throws Exception {
        // A camera writing the SDP with bare LF but still announcing 219 would make a reader that trusts
        // Content-Length swallow 8 bytes of the next message; the decoder does exactly what the header says.
        String lfBody = SpecMessages.SDP.replace("\r\n", "\n");
        String head = SpecMessages.DESCRIBE_OK.substring(0, SpecMessages.DESCRIBE_OK.indexOf("\r\n\r\n") + 4)
                .replace("Content-length: 219", "Content-length: " + lfBody.length());
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        List<RtspFrame> frames = decoder.feed(bytes(head + lfBody + SpecMessages.SETUP_VIDEO_OK));
        assertThat(frames).hasSize(2);
        assertThat(((RtspResponse) frames.get(0)).body()).isEqualTo(bytes(lfBody));
        assertThat(frames.get(1)).isEqualTo(RtspMessages.parse(bytes(SpecMessages.SETUP_VIDEO_OK)));
    }

    @Test
    void setup_readsTransportAndSession() throws Exception {
        RtspRequest video = RtspMessages.parseRequest(bytes(SpecMessages.SETUP_VIDEO));
        assertThat(video.method()).isEqualTo(RtspMethod.SETUP);
        assertThat(video.uri()).isEqualTo("rtsp://192.168.86.232:554/0/trackID=0");
        assertThat(video.header("transport")).contains("RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(video.headers().contains("Session")).isFalse();

        RtspRequest audio = RtspMessages.parseRequest(bytes(SpecMessages.SETUP_AUDIO));
        assertThat(audio.header("Session")).contains("09682642");
        assertThat(audio.header("Transport")).contains("RTP/AVP/TCP;unicast;interleaved=2-3");

        RtspResponse ok = RtspMessages.parseResponse(bytes(SpecMessages.SETUP_AUDIO_OK));
        assertThat(ok.isSuccess()).isTrue();
        assertThat(ok.header("SESSION")).contains("09682642;timeout=120");
    }

    @Test
    void play_keepsTheRangTypoAsAnUnknownHeader() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.PLAY));
        assertThat(r.method()).isEqualTo(RtspMethod.PLAY);
        assertThat(r.header("Rang")).contains("npt=0.000-");
        assertThat(r.headers().contains(RtspHeaderNames.RANGE)).isFalse();
        assertThat(r.headers().asList().get(3)).isEqualTo(new RtspHeader("Rang", "npt=0.000-"));
    }

    @Test
    void playOk_readsSession() throws Exception {
        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.PLAY_OK));
        assertThat(r.status()).isEqualTo(RtspStatus.OK);
        assertThat(r.header("CSeq")).contains("5");
        assertThat(r.header("Session")).contains("09682642;timeout=120");
    }

    @Test
    void specDialogue_builtWithTheApi_writesTheDocumentsBytes() throws Exception {
        // The camera and client will build these messages; show the builders reproduce the document.
        RtspResponse challenge = RtspResponse.builder(RtspStatus.UNAUTHORIZED)
                .header(RtspHeaderNames.CSEQ, "1")
                .header(RtspHeaderNames.SERVER, "GrandStream Rtsp Server V100R001")
                .header(RtspHeaderNames.WWW_AUTHENTICATE, "Digest realm=\"Surveillance Server\", nonce=\"30507280\"")
                .build();
        assertThat(challenge.toBytes()).isEqualTo(bytes(SpecMessages.UNAUTHORIZED));

        RtspResponse describeOk = RtspResponse.builder(RtspStatus.OK)
                .header(RtspHeaderNames.CSEQ, "2")
                .header(RtspHeaderNames.SERVER, "GrandStream Rtsp Server 704*480*30*1024")
                .header(RtspHeaderNames.CONTENT_TYPE, "application/sdp")
                .header("Content-length", "0") // the camera's spelling; the value follows the body
                .header(RtspHeaderNames.CONTENT_BASE, "rtsp://192.168.86.232/0")
                .body(bytes(SpecMessages.SDP))
                .build();
        assertThat(describeOk.toBytes()).isEqualTo(bytes(SpecMessages.DESCRIBE_OK));

        RtspRequest play = RtspRequest.builder(RtspMethod.PLAY, "rtsp://192.168.86.232:554/0")
                .header("CSeq", "5").header("Session", "09682642")
                .header("Authorization", SpecMessages.PLAY_AUTH)
                .header("Rang", "npt=0.000-").header("User-Agent", "Grandstream Client")
                .build();
        assertThat(play.toBytes()).isEqualTo(bytes(SpecMessages.PLAY));
    }
}
