package io.gscam.protocol.rtsp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.Decoded;
import io.gscam.protocol.ParseException;
import io.gscam.testkit.Generators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkBetween;
import static io.gscam.testkit.FuzzChecks.checkEqual;
import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtspMessageDecoderPropertiesTest {

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("requests")
    void parseOfWrite_request_isIdentity(RtspRequest request) throws Exception {
        assertThat(RtspMessages.parse(request.toBytes())).isEqualTo(request);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("responses")
    void parseOfWrite_response_isIdentity(RtspResponse response) throws Exception {
        assertThat(RtspMessages.parse(response.toBytes())).isEqualTo(response);
    }

    static Stream<Arguments> framesAndChunks() {
        return Generators.arguments(1000, r -> new Object[] {Generators.list(r, 0, 8, RtspMessageDecoderPropertiesTest::frame),
                Generators.list(r, 1, 8, c -> Generators.between(c, 1, 300))});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("framesAndChunks")
    void decode_anyMixOfFramesSplitAnywhere_yieldsTheFramesInOrder(List<RtspFrame> frames, List<Integer> chunkSizes) throws Exception {
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

    @FuzzTest
    void decode_arbitraryBytes_yieldFramesOrRaiseParseError(byte[] bytes) {
        assertDecodesOrRaisesParseError(bytes);
    }

    /**
     * The first byte is a chunk size (1 to 256): the same bytes fed in chunks yield the same frames, and
     * fail at the same offset, as fed in one piece; the decoder keeps no state a split can change.
     */
    @FuzzTest
    void decode_splitIntoChunks_yieldsWhatOnePieceYields(byte[] input) {
        Generators.Chunked in = Generators.chunked(input).orElse(null);
        if (in == null) {
            return;
        }
        RtspMessageDecoder whole = new RtspMessageDecoder(FUZZ_LIMITS);
        Decoded<RtspFrame> expected = Decoded.whole(whole::decode, in.stream());
        RtspMessageDecoder split = new RtspMessageDecoder(FUZZ_LIMITS);
        Decoded<RtspFrame> actual = Decoded.inChunks(split::decode, in.stream(), in.chunk());
        checkEqual(actual.items(), expected.items(), "the frames fed in chunks");
        checkEqual(actual.failureOffset(), expected.failureOffset(), "the failure offset fed in chunks");
        checkEqual(split.isAtFrameBoundary(), whole.isAtFrameBoundary(), "at a frame boundary");
    }

    /** Valid requests with up to six bytes overwritten: deeper into the decoder than noise gets. */
    static Stream<Arguments> corruptedRequests() {
        return Generators.arguments(1000, r -> new Object[] {request(r),
                Generators.list(r, 1, 6, p -> Generators.between(p, 0, 100000)), Generators.bytes(r, 6, 6)});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("corruptedRequests")
    void decode_corruptedMessages_yieldFramesOrRaiseParseError(RtspRequest request, List<Integer> positions, byte[] values) {
        byte[] bytes = request.toBytes();
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] = values[i];
        }
        assertDecodesOrRaisesParseError(bytes);
    }

    static Stream<Arguments> longLines() {
        return Generators.arguments(20, r -> new Object[] {Generators.between(r, 100 * 1024, 200 * 1024),
                Generators.between(r, 1, 65536)});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("longLines")
    void decode_headerLineOf100KbOrMore_raisesParseError(int length, int chunk) {
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

    /** Small limits, so the fuzzer reaches them with short inputs. */
    private static final RtspLimits FUZZ_LIMITS = new RtspLimits(512, 2048, 4096);
    private static final RtspLimits REDECODE_LIMITS = new RtspLimits(3 * 512, 3 * 2048, 4096);

    /**
     * Every frame decoded writes back to bytes that decode to itself, and no bigger than its input
     * allows: line endings may become CRLF and {@code a:b} may become {@code a: b} (two bytes a line at
     * most), Content-Length may be added; nothing else grows (bytes that are not UTF-8 are refused, not
     * turned into three-byte U+FFFD).
     */
    private static void assertDecodesOrRaisesParseError(byte[] bytes) {
        RtspMessageDecoder decoder = new RtspMessageDecoder(FUZZ_LIMITS);
        int lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        try {
            for (RtspFrame frame : decoder.feed(bytes)) {
                byte[] written = frame.toBytes();
                checkBetween(written.length, 0, bytes.length + 2 * lines + 32, "bytes written back");
                try {
                    // Written back, headers near the limit may pass it (": " and CRLF): read with room for that.
                    checkEqual(new RtspMessageDecoder(REDECODE_LIMITS).feed(written), List.of(frame), "written back and decoded");
                } catch (ParseException e) {
                    throw new AssertionError("a decoded frame does not decode again: " + frame, e);
                }
            }
        } catch (ParseException expected) {
            checkNotBlank(expected.reason(), "reason");
            checkBetween(expected.offset(), 0, bytes.length, "failure offset");
            check(decoder.isFailed(), "decoder not failed after a ParseException");
        }
    }

    // ---- generators ----

    static Stream<RtspRequest> requests() {
        return Generators.cases(1000, RtspMessageDecoderPropertiesTest::request);
    }

    static Stream<RtspResponse> responses() {
        return Generators.cases(1000, RtspMessageDecoderPropertiesTest::response);
    }

    private static RtspFrame frame(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> request(r);
            case 1 -> response(r);
            default -> new InterleavedFrame(Generators.between(r, 0, 255), Generators.bytes(r, 0, 1500));
        };
    }

    private static RtspRequest request(SplittableRandom r) {
        RtspMethod method;
        if (r.nextBoolean()) {
            method = RtspMethod.STANDARD.get(r.nextInt(RtspMethod.STANDARD.size()));
        } else {
            String name;
            do {
                name = Generators.string(r, "ABCXYZ_-.!~'0123456789abc$", 1, 12);
            } while (name.charAt(0) == '$');
            method = new RtspMethod(name);
        }
        String uri = Generators.chance(r, 0.5) ? "*"
                : "rtsp://cam:554/" + Generators.string(r, '!', '~', "é€漢", "", 1, 60);
        return new RtspRequest(method, uri, version(r), headers(r), body(r));
    }

    private static RtspResponse response(SplittableRandom r) {
        String reason = r.nextBoolean() ? RtspStatus.STANDARD.get(r.nextInt(RtspStatus.STANDARD.size())).reason() : text(r, 40);
        return new RtspResponse(version(r), Generators.between(r, 100, 999), reason, headers(r), body(r));
    }

    private static String version(SplittableRandom r) {
        return r.nextInt(10) == 0 ? "RTSP/2.0" : "RTSP/1.0";
    }

    private static RtspHeaders headers(SplittableRandom r) {
        RtspHeaders.Builder b = RtspHeaders.builder();
        int n = Generators.size(r, 0, 10);
        for (int i = 0; i < n; i++) {
            String name;
            if (r.nextBoolean()) {
                name = Generators.oneOf(r, "CSeq", "Session", "Transport", "Content-Type", "Content-Length",
                        "content-length", "Rang", "WWW-Authenticate", "x");
            } else {
                name = Generators.string(r, '!', '~', "", ":", 1, 20);
            }
            b.add(name, text(r, 80));
        }
        return b.build();
    }

    private static String text(SplittableRandom r, int maxLength) {
        return Generators.string(r, ' ', '~', "\té€漢\u0085", "", 0, maxLength);
    }

    private static byte[] body(SplittableRandom r) {
        return r.nextInt(3) == 0 ? new byte[0] : Generators.bytes(r, 0, 2000);
    }
}
