package io.gscam.protocol.rtsp;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtspMessageDecoderPropertiesTest {

    @Property
    void parseOfWrite_request_isIdentity(@ForAll("requests") RtspRequest request) throws Exception {
        assertThat(RtspMessages.parse(request.toBytes())).isEqualTo(request);
    }

    @Property
    void parseOfWrite_response_isIdentity(@ForAll("responses") RtspResponse response) throws Exception {
        assertThat(RtspMessages.parse(response.toBytes())).isEqualTo(response);
    }

    @Property
    void decode_anyMixOfFramesSplitAnywhere_yieldsTheFramesInOrder(
            @ForAll @Size(max = 8) List<@net.jqwik.api.From("frames") RtspFrame> frames,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frames.forEach(f -> stream.writeBytes(f.toBytes()));
        byte[] bytes = stream.toByteArray();

        RtspMessageDecoder decoder = new RtspMessageDecoder();
        List<RtspFrame> decoded = new ArrayList<>();
        int pos = 0;
        for (int i = 0; pos < bytes.length; i++) {
            int n = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - pos);
            decoder.decode(ByteBuffer.wrap(bytes, pos, n), decoded::add);
            pos += n;
        }
        assertThat(decoded).containsExactlyElementsOf(frames);
        assertThat(decoder.isAtFrameBoundary()).isTrue();
    }

    @Property
    void decode_arbitraryBytes_yieldFramesOrRaiseParseError(@ForAll("noise") byte[] bytes) {
        assertDecodesOrRaisesParseError(bytes);
    }

    @Property
    void decode_corruptedMessages_yieldFramesOrRaiseParseError(
            @ForAll("requests") RtspRequest request,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 100000) Integer> positions,
            @ForAll @Size(6) byte[] values) {
        byte[] bytes = request.toBytes();
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] = values[i];
        }
        assertDecodesOrRaisesParseError(bytes);
    }

    @Property(tries = 20)
    void decode_headerLineOf100KbOrMore_raisesParseError(
            @ForAll @IntRange(min = 100 * 1024, max = 200 * 1024) int length,
            @ForAll @IntRange(min = 1, max = 65536) int chunk) {
        byte[] line = ("X-Long: " + "a".repeat(length) + "\r\n\r\n").getBytes();
        byte[] head = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n".getBytes();
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        assertThatThrownBy(() -> {
            decoder.feed(head);
            for (int pos = 0; pos < line.length; pos += chunk) {
                decoder.feed(line, pos, Math.min(chunk, line.length - pos));
            }
        }).isInstanceOf(ParseException.class).hasMessageContaining("headers longer than");
        assertThat(decoder.isFailed()).isTrue();
    }

    private static void assertDecodesOrRaisesParseError(byte[] bytes) {
        RtspMessageDecoder decoder = new RtspMessageDecoder(new RtspLimits(512, 2048, 4096));
        try {
            for (RtspFrame frame : decoder.feed(bytes)) {
                assertThat(frame.toBytes().length).isLessThanOrEqualTo(bytes.length + 32);
            }
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
            assertThat(decoder.isFailed()).isTrue();
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> textLike = Arbitraries.strings().withChars("RTSP/1.0 200OK\r\n:$\t-Content-Length9")
                .ofMaxLength(600).map(String::getBytes);
        return Arbitraries.oneOf(raw, textLike);
    }

    @Provide
    Arbitrary<RtspFrame> frames() {
        Arbitrary<InterleavedFrame> interleaved = Combinators.combine(
                Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1500)).as(InterleavedFrame::new);
        return Arbitraries.oneOf(requests(), responses(), interleaved);
    }

    @Provide
    Arbitrary<RtspRequest> requests() {
        Arbitrary<RtspMethod> method = Arbitraries.oneOf(
                Arbitraries.of(RtspMethod.STANDARD),
                Arbitraries.strings().withChars("ABCXYZ_-.!~'0123456789abc$").ofMinLength(1).ofMaxLength(12)
                        .filter(s -> s.charAt(0) != '$').map(RtspMethod::new));
        Arbitrary<String> uri = Arbitraries.oneOf(
                Arbitraries.just("*"),
                Arbitraries.strings().withCharRange('!', '~').withChars("é€漢").ofMinLength(1).ofMaxLength(60)
                        .map(s -> "rtsp://cam:554/" + s));
        return Combinators.combine(method, uri, versions(), headers(), bodies()).as(RtspRequest::new);
    }

    @Provide
    Arbitrary<RtspResponse> responses() {
        Arbitrary<String> reason = Arbitraries.oneOf(
                Arbitraries.of(RtspStatus.STANDARD).map(RtspStatus::reason),
                text(40));
        return Combinators.combine(versions(), Arbitraries.integers().between(100, 999), reason, headers(), bodies())
                .as(RtspResponse::new);
    }

    private Arbitrary<String> versions() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("RTSP/1.0")), Tuple.of(1, Arbitraries.just("RTSP/2.0")));
    }

    private Arbitrary<RtspHeaders> headers() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of("CSeq", "Session", "Transport", "Content-Type", "Content-Length", "content-length",
                        "Rang", "WWW-Authenticate", "x"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20)
                        .filter(s -> s.indexOf(':') < 0));
        Arbitrary<RtspHeader> field = Combinators.combine(name, text(80)).as(RtspHeader::new);
        return field.list().ofMaxSize(10).map(fields -> {
            RtspHeaders.Builder b = RtspHeaders.builder();
            fields.forEach(f -> b.add(f.name(), f.value()));
            return b.build();
        });
    }

    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\té€漢\u0085").ofMaxLength(maxLength);
    }

    private static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)));
    }
}
