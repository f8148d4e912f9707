package io.gscam.protocol.rtsp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static io.gscam.protocol.rtsp.SpecMessages.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtspMessageTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void toBytes_requestWithBody_addsContentLengthAndUsesCrlf() {
        RtspRequest r = RtspRequest.builder(RtspMethod.GET_PARAMETER, "rtsp://cam/0")
                .header("CSeq", "7").body("text/parameters", bytes("position\r\n")).build();
        assertThat(new String(r.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "GET_PARAMETER rtsp://cam/0 RTSP/1.0\r\nCSeq: 7\r\nContent-Type: text/parameters\r\n"
                        + "Content-Length: 10\r\n\r\nposition\r\n");
    }

    @Test
    void contentLength_followsTheBody_keepingSpellingAndPosition() {
        RtspResponse r = RtspResponse.builder(RtspStatus.OK)
                .header("Content-length", "999").header("CSeq", "2").body(bytes("abc")).build();
        assertThat(r.headers().asList()).containsExactly(new RtspHeader("Content-length", "3"), new RtspHeader("CSeq", "2"));
    }

    @Test
    void contentLength_withoutBody_isZeroIfPresentAndAbsentOtherwise() {
        RtspResponse stated = RtspResponse.of(RtspStatus.OK, RtspHeaders.of("CSeq", "1", "Content-Length", "12"));
        assertThat(stated.header("Content-Length")).contains("0");
        RtspResponse none = RtspResponse.of(RtspStatus.OK, RtspHeaders.of("CSeq", "1"));
        assertThat(none.headers()).isEqualTo(RtspHeaders.of("CSeq", "1"));
    }

    @Test
    void body_isCopiedInAndOut() {
        byte[] body = bytes("abc");
        RtspRequest r = RtspRequest.builder(RtspMethod.ANNOUNCE, "rtsp://cam/0").body(body).build();
        body[0] = 'X';
        r.body()[1] = 'Y';
        assertThat(r.body()).isEqualTo(bytes("abc"));
    }

    @Test
    void toBuilder_roundTripsEveryPart() {
        RtspResponse r = new RtspResponse("RTSP/2.0", 459, "Aggregate operation not allowed",
                RtspHeaders.of("CSeq", "4"), bytes("x"));
        assertThat(r.toBuilder().build()).isEqualTo(r);
        RtspRequest q = new RtspRequest(RtspMethod.of("FLY"), "*", "RTSP/1.0", RtspHeaders.of("CSeq", "4"), bytes("y"));
        assertThat(q.toBuilder().build()).isEqualTo(q);
    }

    @Test
    void statusLine_withoutReason_isWrittenWithoutTrailingSpace() {
        RtspResponse r = new RtspResponse("RTSP/1.0", 299, "", RtspHeaders.EMPTY, null);
        assertThat(new String(r.toBytes(), StandardCharsets.US_ASCII)).isEqualTo("RTSP/1.0 299\r\n\r\n");
    }

    @Test
    void constructors_rejectWhatCannotBeWritten() {
        assertThatThrownBy(() -> RtspRequest.of(RtspMethod.PLAY, "rtsp://cam/a b", RtspHeaders.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtspRequest.of(RtspMethod.PLAY, "", RtspHeaders.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtspRequest.builder(RtspMethod.PLAY, "*").version("HTTP/1.1").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspResponse("RTSP/1.0", 1000, "x", RtspHeaders.EMPTY, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspResponse("RTSP/1.0", 200, "O\nK", RtspHeaders.EMPTY, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspMethod("PL AY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspMethod("$PLAY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rtspMethod_of_returnsTheConstantForStandardNamesOnly() {
        assertThat(RtspMethod.of("TEARDOWN")).isSameAs(RtspMethod.TEARDOWN);
        assertThat(RtspMethod.of("teardown").isStandard()).isFalse(); // method names are case-sensitive
        assertThat(RtspMethod.STANDARD).hasSize(11).allMatch(RtspMethod::isStandard);
    }

    @Test
    void rtspStatus_of_givesRfcPhrasesAndAGenericOneForUnknownCodes() {
        assertThat(RtspStatus.of(454)).isSameAs(RtspStatus.SESSION_NOT_FOUND);
        assertThat(RtspStatus.of(454).reason()).isEqualTo("Session Not Found");
        assertThat(RtspStatus.of(461).reason()).isEqualTo("Unsupported transport");
        assertThat(RtspStatus.of(551).reason()).isEqualTo("Option not supported");
        assertThat(RtspStatus.of(499)).isEqualTo(new RtspStatus(499, "Client Error"));
        assertThat(RtspStatus.STANDARD).extracting(RtspStatus::code).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void interleavedFrame_toBytes_writesDollarChannelAndBigEndianLength() {
        InterleavedFrame f = new InterleavedFrame(3, HEX.parseHex("80c8" + "00".repeat(300)));
        assertThat(HEX.formatHex(f.toBytes(), 0, 6)).isEqualTo("2403012e80c8");
        assertThat(f.toBytes()).hasSize(4 + 302);
        assertThat(InterleavedFrame.header(255, 65535)).isEqualTo(HEX.parseHex("24ffffff"));
        assertThat(f.payloadLength()).isEqualTo(302);
        assertThat(f.payloadBuffer().isReadOnly()).isTrue();
    }

    @Test
    void interleavedFrame_rejectsChannelAndLengthOutOfRange() {
        assertThatThrownBy(() -> new InterleavedFrame(256, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InterleavedFrame(-1, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InterleavedFrame(0, new byte[65536])).isInstanceOf(IllegalArgumentException.class);
    }
}
