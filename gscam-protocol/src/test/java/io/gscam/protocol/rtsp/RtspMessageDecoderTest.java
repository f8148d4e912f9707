package io.gscam.protocol.rtsp;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.gscam.protocol.rtsp.SpecMessages.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtspMessageDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RTP on channel 0: V=2 PT=96 seq=1 ts=90000 ssrc=0x11223344, FU-A start of an IDR (0x7c 0x85). */
    private static final String RTP_VIDEO = "80600001" + "00015f90" + "11223344" + "7c85" + "aabbccdd";
    /** RTP on channel 2: PCMU PT=0 with marker, 4 payload bytes. */
    private static final String RTP_AUDIO = "80800001" + "00001f40" + "55667788" + "fffefdfc";
    /** RTCP sender report header on channel 1 (truncated body is fine: the decoder does not look inside). */
    private static final String RTCP_SR = "80c80006" + "11223344";

    /**
     * What a camera sends on one connection after SETUP: responses with interleaved frames between and
     * after them, including a keep-alive answer in the middle of the media (GET_PARAMETER, CSeq 6).
     */
    private static byte[] cameraStream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(bytes(SpecMessages.SETUP_VIDEO_OK));
        s.writeBytes(bytes(SpecMessages.SETUP_AUDIO_OK));
        s.writeBytes(HEX.parseHex("24000012" + RTP_VIDEO)); // data racing ahead of the PLAY reply
        s.writeBytes(bytes(SpecMessages.PLAY_OK));
        s.writeBytes(HEX.parseHex("24020010" + RTP_AUDIO));
        s.writeBytes(HEX.parseHex("24010008" + RTCP_SR));
        s.writeBytes(bytes(SpecMessages.lines("RTSP/1.0 200 OK", "CSeq: 6", "Session: 09682642", "")));
        s.writeBytes(HEX.parseHex("24000012" + RTP_VIDEO));
        s.writeBytes(HEX.parseHex("24030000")); // empty frame: legal, if odd
        return s.toByteArray();
    }

    private static List<RtspFrame> expectedCameraFrames() throws ParseException {
        return List.of(
                RtspMessages.parse(bytes(SpecMessages.SETUP_VIDEO_OK)),
                RtspMessages.parse(bytes(SpecMessages.SETUP_AUDIO_OK)),
                new InterleavedFrame(0, HEX.parseHex(RTP_VIDEO)),
                RtspMessages.parse(bytes(SpecMessages.PLAY_OK)),
                new InterleavedFrame(2, HEX.parseHex(RTP_AUDIO)),
                new InterleavedFrame(1, HEX.parseHex(RTCP_SR)),
                RtspResponse.builder(RtspStatus.OK).header("CSeq", "6").header("Session", "09682642").build(),
                new InterleavedFrame(0, HEX.parseHex(RTP_VIDEO)),
                new InterleavedFrame(3, new byte[0]));
    }

    @Test
    void decode_cameraStreamInOnePiece_yieldsMessagesAndFramesInOrder() throws Exception {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        assertThat(decoder.feed(cameraStream())).containsExactlyElementsOf(expectedCameraFrames());
        assertThat(decoder.isAtFrameBoundary()).isTrue();
        assertThat(decoder.offset()).isEqualTo(cameraStream().length);
    }

    @Test
    void decode_cameraStreamSplitAtEveryByteBoundary_yieldsTheSameFrames() throws Exception {
        byte[] stream = cameraStream();
        List<RtspFrame> expected = expectedCameraFrames();
        for (int split = 0; split <= stream.length; split++) {
            RtspMessageDecoder decoder = new RtspMessageDecoder();
            List<RtspFrame> frames = new ArrayList<>(decoder.feed(stream, 0, split));
            frames.addAll(decoder.feed(stream, split, stream.length - split));
            assertThat(frames).as("split at %d", split).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void decode_cameraStreamOneByteAtATime_yieldsTheSameFrames() throws Exception {
        byte[] stream = cameraStream();
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        List<RtspFrame> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            decoder.decode(ByteBuffer.wrap(stream, i, 1), frames::add);
            if (i < stream.length - 1) {
                assertThat(decoder.isFailed()).isFalse();
            }
        }
        assertThat(frames).containsExactlyElementsOf(expectedCameraFrames());
    }

    @Test
    void decode_clientRequestsBackToBack_yieldsEachRequest() throws Exception {
        String all = String.join("", SpecMessages.REQUESTS);
        List<RtspFrame> frames = new RtspMessageDecoder().feed(bytes(all));
        assertThat(frames).hasSize(5).allMatch(f -> f instanceof RtspRequest);
        assertThat(frames).extracting(f -> ((RtspRequest) f).method())
                .containsExactly(RtspMethod.DESCRIBE, RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.SETUP,
                        RtspMethod.PLAY);
    }

    @Test
    void decode_consumesTheWholeBufferAndKeepsThePartialFrame() throws Exception {
        byte[] play = bytes(SpecMessages.PLAY);
        ByteBuffer in = ByteBuffer.wrap(play, 0, 20);
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        assertThat(decoder.feed(in)).isEmpty();
        assertThat(in.hasRemaining()).isFalse();
        assertThat(decoder.isAtFrameBoundary()).isFalse();
        assertThat(decoder.feed(play, 20, play.length - 20)).containsExactly(RtspMessages.parse(play));
    }

    @Test
    void decode_bareLfLineEndings_readsTheSameMessage() throws Exception {
        String lf = SpecMessages.SETUP_VIDEO.replace("\r\n", "\n");
        assertThat(RtspMessages.parse(bytes(lf))).isEqualTo(RtspMessages.parse(bytes(SpecMessages.SETUP_VIDEO)));
    }

    @Test
    void decode_mixedLineEndings_readsTheSameMessage() throws Exception {
        String mixed = "PLAY rtsp://192.168.86.232:554/0 RTSP/1.0\nCSeq: 5\r\nSession: 09682642\n"
                + "Authorization: " + SpecMessages.PLAY_AUTH + "\r\nRang: npt=0.000-\n"
                + "User-Agent: Grandstream Client\r\n\n";
        assertThat(RtspMessages.parse(bytes(mixed))).isEqualTo(RtspMessages.parse(bytes(SpecMessages.PLAY)));
    }

    @Test
    void decode_blankLinesBetweenMessages_areSkipped() throws Exception {
        String stream = "\r\n\n" + SpecMessages.DESCRIBE + "\r\n\r\n  \r\n" + SpecMessages.PLAY;
        List<RtspFrame> frames = new RtspMessageDecoder().feed(bytes(stream));
        assertThat(frames).containsExactly(RtspMessages.parse(bytes(SpecMessages.DESCRIBE)),
                RtspMessages.parse(bytes(SpecMessages.PLAY)));
    }

    @Test
    void decode_headerNamesInAnyCase_areFoundAndKeepTheirSpelling() throws Exception {
        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.lines(
                "RTSP/1.0 200 OK", "cseq: 7", "SESSION: 1234", "content-LENGTH: 2", "") + "ok"));
        assertThat(r.header("CSeq")).contains("7");
        assertThat(r.header("session")).contains("1234");
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
        assertThat(r.headers().asList().get(0).name()).isEqualTo("cseq");
    }

    @Test
    void decode_whitespaceAroundNamesAndValues_isTrimmed() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.lines(
                "OPTIONS  *   RTSP/1.0 ", "CSeq :   9  \t", "Require:", "")));
        assertThat(r.uri()).isEqualTo("*");
        assertThat(r.headers().asList()).containsExactly(new RtspHeader("CSeq", "9"), new RtspHeader("Require", ""));
    }

    @Test
    void decode_obsFoldOverSeveralLines_joinsWithOneSpace() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.lines(
                "OPTIONS * RTSP/1.0", "CSeq: 1", "X-Long: a", "   b", "\tc  ", "Y: d", "")));
        assertThat(r.header("X-Long")).contains("a b c");
        assertThat(r.header("Y")).contains("d");
    }

    @Test
    void decode_requestWithBody_readsContentLengthBytes() throws Exception {
        String body = "barparam: barstuff\r\n";
        String text = SpecMessages.lines("SET_PARAMETER rtsp://cam/0 RTSP/1.0", "CSeq: 10",
                "Content-Type: text/parameters", "Content-Length: " + body.length(), "") + body;
        List<RtspFrame> frames = new RtspMessageDecoder().feed(bytes(text + SpecMessages.PLAY));
        RtspRequest r = (RtspRequest) frames.get(0);
        assertThat(r.method()).isEqualTo(RtspMethod.SET_PARAMETER);
        assertThat(r.body()).isEqualTo(bytes(body));
        assertThat(frames.get(1)).isEqualTo(RtspMessages.parse(bytes(SpecMessages.PLAY)));
    }

    @Test
    void decode_bodyStartingWithDollar_isBodyNotInterleavedFrame() throws Exception {
        String text = SpecMessages.lines("RTSP/1.0 200 OK", "CSeq: 1", "Content-Length: 4", "") + "$\0\0\1";
        RtspResponse r = RtspMessages.parseResponse(bytes(text));
        assertThat(r.body()).isEqualTo(new byte[] {'$', 0, 0, 1});
    }

    @Test
    void decode_unknownMethod_parsesSoTheServerCanAnswer501() throws Exception {
        RtspRequest r = RtspMessages.parseRequest(bytes(SpecMessages.lines("FLY rtsp://cam/0 RTSP/1.0", "CSeq: 3", "")));
        assertThat(r.method()).isEqualTo(new RtspMethod("FLY"));
        assertThat(r.method().isStandard()).isFalse();
    }

    @Test
    void decode_statusLineWithoutReason_readsEmptyReason() throws Exception {
        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.lines("RTSP/1.0 454", "CSeq: 3", "")));
        assertThat(r.statusCode()).isEqualTo(454);
        assertThat(r.reason()).isEmpty();
    }

    @Test
    void decode_reasonWithSpaces_keepsThemInside() throws Exception {
        RtspResponse r = RtspMessages.parseResponse(bytes(SpecMessages.lines(
                "RTSP/1.0  455  Method Not Valid in This State ", "CSeq: 3", "")));
        assertThat(r.status()).isEqualTo(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE);
    }

    @Test
    void decode_invalidUtf8InValue_raisesParseErrorAtTheByte() {
        byte[] text = bytes(SpecMessages.lines("RTSP/1.0 200 OK", "CSeq: 1", "Server: cam\u0000", ""));
        text[text.length - 5] = (byte) 0xE9; // Latin-1 e-acute where the NUL placeholder was
        assertThatThrownBy(() -> RtspMessages.parseResponse(text)).isInstanceOf(ParseException.class)
                .hasMessageContaining("0xe9 in header is not UTF-8")
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(text.length - 5));
    }

    @Test
    void decode_utf8InUriAndValue_writesBackTheSameBytes() throws Exception {
        byte[] text = bytes(SpecMessages.lines("DESCRIBE rtsp://cam/caméra RTSP/1.0", "CSeq: 1",
                "User-Agent: 漢字 \uD83D\uDCF7", ""));
        RtspRequest r = RtspMessages.parseRequest(text);
        assertThat(r.uri()).isEqualTo("rtsp://cam/caméra");
        assertThat(r.toBytes()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e080af", "eda080", "f4908080", "ff", "80", "e282"})
    void decode_malformedUtf8InStartLine_raisesParseError(String hex) {
        byte[] head = bytes(SpecMessages.lines("OPTIONS rtsp://cam/x RTSP/1.0", "CSeq: 1", ""));
        byte[] bad = HEX.parseHex(hex); // overlong, a UTF-16 surrogate, past U+10FFFF, a lone or cut sequence
        byte[] text = new byte[head.length + bad.length];
        int at = "OPTIONS rtsp://cam/x".length();
        System.arraycopy(head, 0, text, 0, at);
        System.arraycopy(bad, 0, text, at, bad.length);
        System.arraycopy(head, at, text, at + bad.length, head.length - at);
        assertThatThrownBy(() -> RtspMessages.parseRequest(text)).isInstanceOf(ParseException.class)
                .hasMessageContaining("in start line is not UTF-8");
    }

    @Test
    void decode_startLineAtTheLimit_isAcceptedAndOneByteMoreIsRejected() throws Exception {
        RtspLimits limits = new RtspLimits(64, 1024, 1024);
        String prefix = "OPTIONS rtsp://h/";
        String suffix = " RTSP/1.0";
        String atLimit = prefix + "a".repeat(64 - prefix.length() - suffix.length()) + suffix;
        assertThat(atLimit).hasSize(64);
        assertThat(new RtspMessageDecoder(limits).feed(bytes(atLimit + "\r\nCSeq: 1\r\n\r\n"))).hasSize(1);

        String over = prefix + "a".repeat(65 - prefix.length() - suffix.length()) + suffix;
        assertThatThrownBy(() -> new RtspMessageDecoder(limits).feed(bytes(over + "\r\nCSeq: 1\r\n\r\n")))
                .isInstanceOf(ParseException.class).hasMessageContaining("start line longer than 64");
    }

    @Test
    void decode_endlessStartLine_failsWithoutWaitingForItsEnd() {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'A');
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                decoder.feed(chunk);
            }
        }).isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(8 * 1024 + 1));
        assertThat(decoder.isFailed()).isTrue();
    }

    @Test
    void decode_100KbHeaderLine_raisesParseError() {
        String text = "DESCRIBE rtsp://h/0 RTSP/1.0\r\nCSeq: 1\r\nX-Junk: " + "x".repeat(100 * 1024) + "\r\n\r\n";
        assertThatThrownBy(() -> new RtspMessageDecoder().feed(bytes(text)))
                .isInstanceOf(ParseException.class).hasMessageContaining("headers longer than 65536 bytes");
    }

    @Test
    void decode_manySmallHeadersOverTheLimit_raiseParseError() {
        StringBuilder b = new StringBuilder("OPTIONS * RTSP/1.0\r\n");
        for (int i = 0; i < 10_000; i++) {
            b.append("X-").append(i).append(": v\r\n");
        }
        assertThatThrownBy(() -> new RtspMessageDecoder().feed(bytes(b + "\r\n")))
                .isInstanceOf(ParseException.class).hasMessageContaining("headers longer than");
    }

    @Test
    void decode_contentLengthOverTheLimit_raisesParseErrorBeforeAnyBody() {
        String text = SpecMessages.lines("ANNOUNCE rtsp://h/0 RTSP/1.0", "CSeq: 1", "Content-Length: 1048577", "");
        assertThatThrownBy(() -> new RtspMessageDecoder().feed(bytes(text)))
                .isInstanceOf(ParseException.class).hasMessageContaining("over the limit of 1048576");
    }

    @Test
    void decode_bodyAtTheLimit_isRead() throws Exception {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'v');
        RtspRequest request = RtspRequest.builder(RtspMethod.ANNOUNCE, "rtsp://h/0").header("CSeq", "1")
                .body("application/sdp", body).build();
        assertThat(RtspMessages.parse(request.toBytes())).isEqualTo(request);
    }

    @Test
    void decode_customLimits_areHonoured() {
        RtspLimits limits = new RtspLimits(8192, 100, 10);
        String longHeaders = SpecMessages.lines("OPTIONS * RTSP/1.0", "X: " + "y".repeat(100), "");
        assertThatThrownBy(() -> new RtspMessageDecoder(limits).feed(bytes(longHeaders)))
                .isInstanceOf(ParseException.class).hasMessageContaining("headers longer than 100");
        String bigBody = SpecMessages.lines("OPTIONS * RTSP/1.0", "Content-Length: 11", "") + "01234567890";
        assertThatThrownBy(() -> new RtspMessageDecoder(limits).feed(bytes(bigBody)))
                .isInstanceOf(ParseException.class).hasMessageContaining("over the limit of 10");
    }

    @Test
    void decode_afterParseError_staysFailed() {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        assertThatThrownBy(() -> decoder.feed(bytes("OPTIONS * RTSP/1.0\r\nno colon here\r\n\r\n")))
                .isInstanceOf(ParseException.class).hasMessageContaining("without colon");
        assertThat(decoder.isFailed()).isTrue();
        assertThatThrownBy(() -> decoder.feed(bytes(SpecMessages.DESCRIBE)))
                .isInstanceOf(ParseException.class).hasMessageContaining("failed earlier");
    }

    @Test
    void decode_framesBeforeAnError_arePassedOnFirst() {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        List<RtspFrame> frames = new ArrayList<>();
        byte[] stream = bytes(SpecMessages.PLAY_OK + "GARBAGE\r\n\r\n");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(stream), frames::add))
                .isInstanceOf(ParseException.class);
        assertThat(frames).hasSize(1).first().isInstanceOf(RtspResponse.class);
    }

    @Test
    void decode_errorOffset_pointsIntoTheStream() {
        byte[] stream = bytes(SpecMessages.PLAY_OK + "RTSP/1.0 2x0 OK\r\n\r\n");
        assertThatThrownBy(() -> new RtspMessageDecoder().feed(stream))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("three digits")
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(SpecMessages.PLAY_OK.length()));
    }

    @Test
    void decode_malformedInput_raisesParseErrorWithReason() {
        String[] bad = {
            "OPTIONS *\r\n\r\n",                                         // two words
            "OPTIONS * HTTP/1.1\r\n\r\n",                                // not RTSP
            "OPTIONS * RTSP/1.0 extra\r\n\r\n",                          // four words
            "OPT(ONS * RTSP/1.0\r\n\r\n",                                // not a token
            "RTSP/1.0\r\n\r\n",                                          // no status code
            "RTSP/x 200 OK\r\n\r\n",                                     // bad version
            "RTSP/1.0 2000 OK\r\n\r\n",                                  // four digits
            "RTSP/1.0 099 OK\r\n\r\n",                                   // below 100
            "OPTIONS * RTSP/1.0\r\n folded first\r\n\r\n",               // continuation with no header
            "OPTIONS * RTSP/1.0\r\n: empty name\r\n\r\n",                // empty name
            "OPTIONS * RTSP/1.0\r\nA\u0001B: v\r\n\r\n",                 // control char in name
            "OPTIONS * RTSP/1.0\r\nX: a\rb\r\n\r\n",                     // bare CR
            "OPTIONS * RTSP/1.0\r\nX: a\u0000\r\n\r\n",                  // NUL
            "OPTIONS * RTSP/1.0\r\nContent-Length: -1\r\n\r\n",          // negative
            "OPTIONS * RTSP/1.0\r\nContent-Length: 1 2\r\n\r\n",         // not a number
            "OPTIONS * RTSP/1.0\r\nContent-Length: 99999999999\r\n\r\n", // 11 digits
            "OPTIONS * RTSP/1.0\r\nContent-Length: 1\r\nContent-length: 2\r\n\r\nab", // conflicting
        };
        for (String text : bad) {
            assertThatThrownBy(() -> new RtspMessageDecoder().feed(bytes(text)))
                    .as(RtspSyntax.quote(text))
                    .isInstanceOf(ParseException.class)
                    .satisfies(e -> assertThat(((ParseException) e).reason()).isNotBlank());
        }
    }

    @Test
    void decode_repeatedEqualContentLength_isAccepted() throws Exception {
        String text = "OPTIONS * RTSP/1.0\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab";
        RtspRequest r = RtspMessages.parseRequest(bytes(text));
        assertThat(r.body()).isEqualTo(bytes("ab"));
        assertThat(r.headers().getAll("content-length")).containsExactly("2");
    }

    @Test
    void parse_incompleteOrExtraInput_raisesParseError() {
        assertThatThrownBy(() -> RtspMessages.parse(bytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n")))
                .isInstanceOf(ParseException.class).hasMessageContaining("ends inside");
        String truncatedBody = SpecMessages.DESCRIBE_OK.substring(0, SpecMessages.DESCRIBE_OK.length() - 1);
        assertThatThrownBy(() -> RtspMessages.parse(bytes(truncatedBody)))
                .isInstanceOf(ParseException.class).hasMessageContaining("ends inside");
        assertThatThrownBy(() -> RtspMessages.parse(bytes(SpecMessages.PLAY + SpecMessages.PLAY)))
                .isInstanceOf(ParseException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> RtspMessages.parse(HEX.parseHex("24000000")))
                .isInstanceOf(ParseException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> RtspMessages.parseRequest(bytes(SpecMessages.PLAY_OK)))
                .isInstanceOf(ParseException.class).hasMessageContaining("expected an RTSP request");
        assertThatThrownBy(() -> RtspMessages.parseResponse(bytes(SpecMessages.PLAY)))
                .isInstanceOf(ParseException.class).hasMessageContaining("expected an RTSP response");
    }

    @Test
    void parse_trailingBlankLines_areAllowed() throws Exception {
        assertThat(RtspMessages.parse(bytes("\r\n" + SpecMessages.PLAY + "\r\n\r\n")))
                .isEqualTo(RtspMessages.parse(bytes(SpecMessages.PLAY)));
    }
}
