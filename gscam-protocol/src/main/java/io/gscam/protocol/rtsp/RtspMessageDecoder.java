package io.gscam.protocol.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The incremental decoder of one RTSP connection's byte stream: RTSP requests, responses and
 * {@code $}-interleaved frames, mixed in any order, yielded in arrival order. A push parser with an
 * explicit state (after Jetty's HttpParser): feed it whatever bytes arrived, split anywhere, down to one
 * byte at a time; it keeps the unfinished part of a frame internally and yields each frame once complete.
 *
 * <h2>Use from a transport</h2>
 * {@link #decode(ByteBuffer, Consumer)} consumes <em>every</em> remaining byte of its buffer (the
 * position ends at the limit) and calls the consumer for each frame completed. A Netty
 * {@code ByteToMessageDecoder} can therefore pass {@code in.nioBuffer()}, add each frame to its output
 * list and {@code in.skipBytes(in.readableBytes())}. The decoder is not thread-safe: one per connection,
 * used from that connection's thread.
 *
 * <h2>What it tolerates, for cheap firmware</h2>
 * <ul>
 *   <li>{@code \r\n} or bare {@code \n} line endings, mixed;</li>
 *   <li>blank lines before a message (some clients send CRLF keep-alives);</li>
 *   <li>header names in any case, unknown headers (the spec's {@code Rang:}), spaces around the colon;</li>
 *   <li>obs-fold continuation lines (a line starting with space or tab continues the previous value,
 *       joined with one space);</li>
 *   <li>a line of only spaces or tabs where the blank line ending the headers belongs (the spec's own
 *       text, copied from a PDF, has them);</li>
 *   <li>a status line without reason phrase; a body on any request or response, read by
 *       Content-Length (none means zero, RFC 2326 section 12.14).</li>
 * </ul>
 * Header values and start lines are trimmed of surrounding spaces and tabs, except that a request line
 * must not start with one (a server answers 400). Text is read as UTF-8
 * (RFC 2326 section 4), strictly: a start line or header that is not valid UTF-8 is an error, because
 * replacing the bytes with U+FFFD would make the message write back as other bytes than arrived (a Digest
 * computed over the original user name or URI would then never verify, two different names would read as
 * one). Valid UTF-8 round-trips byte for byte.
 *
 * <h2>What it rejects</h2>
 * Control characters (other than tab) and bytes that are not UTF-8 in a start line or header, a start line that is neither a
 * request nor a status line, a header line without colon, a bad or conflicting Content-Length, and
 * anything past {@link RtspLimits}: each raises {@link ParseException} with the stream offset, before
 * any buffer grows past the limit. After that the decoder stays failed: every later call raises
 * again, because the stream cannot be resynchronised and the connection must close.
 */
public final class RtspMessageDecoder {

    private enum State {
        /** Between frames: skipping blank lines, waiting for {@code $} or a start line. */
        FRAME_START,
        START_LINE,
        HEADER_LINE,
        BODY,
        INTERLEAVED_HEADER,
        INTERLEAVED_PAYLOAD,
        FAILED
    }

    private static final String CONTENT_LENGTH = RtspHeaderNames.CONTENT_LENGTH;
    /** First body buffer size: bodies grow as bytes arrive, never ahead of them to an announced length. */
    private static final int INITIAL_BODY_CAPACITY = 4096;

    private final RtspLimits limits;
    /** Reports malformed input instead of replacing it; reset before each line; made at the first line that is not ASCII. */
    private CharsetDecoder utf8;
    private State state = State.FRAME_START;
    /** Stream offset of the next byte to consume. */
    private long offset;
    private String failure;

    // The line being read (start line or header line), without its LF.
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineStart;

    // The message being read.
    private String[] startLine;
    private final List<String> headerNames = new ArrayList<>();
    private final List<String> headerValues = new ArrayList<>();
    private int headerBytes;
    private byte[] body;
    private int bodyLength;
    private int bodyFilled;

    // The interleaved frame being read.
    private final byte[] interleavedHeader = new byte[3];
    private int interleavedHeaderFilled;
    private byte[] payload;
    private int payloadFilled;

    public RtspMessageDecoder() {
        this(RtspLimits.DEFAULT);
    }

    public RtspMessageDecoder(RtspLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public RtspLimits limits() {
        return limits;
    }

    /** Bytes consumed since the decoder was made; the offsets in its exceptions count from here. */
    public long offset() {
        return offset;
    }

    /** True when nothing of a frame is buffered: the bytes so far ended exactly between frames. */
    public boolean isAtFrameBoundary() {
        return state == State.FRAME_START;
    }

    /**
     * Counts {@code bytes} that a transport read past this decoder between frames (a whole
     * {@code $} frame it handed on itself), so the offsets of later errors stay stream offsets.
     */
    public void skipped(int bytes) {
        if (state != State.FRAME_START) {
            throw new IllegalStateException("bytes can only be skipped between frames");
        }
        offset += bytes;
    }

    /** True after a {@link ParseException}; the connection must close. */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    /**
     * Consumes every remaining byte of {@code in} and passes each completed frame to {@code out}, in
     * order. Frames completed before a parse error have been passed on when the error is raised.
     */
    public void decode(ByteBuffer in, Consumer<? super RtspFrame> out) throws ParseException {
        if (state == State.FAILED) {
            throw new ParseException("decoder failed earlier: " + failure, offset);
        }
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case FRAME_START -> frameStart(in);
                    case START_LINE -> {
                        // +1: the CR of a CRLF is still in the line until the LF arrives.
                        if (readLine(in, limits.maxStartLineLength() + 1)) {
                            startLine(out);
                        }
                    }
                    case HEADER_LINE -> {
                        if (readLine(in, limits.maxHeaderBytes() - headerBytes)) {
                            headerLine(out);
                        }
                    }
                    case BODY -> body(in, out);
                    case INTERLEAVED_HEADER -> interleavedHeader(in, out);
                    case INTERLEAVED_PAYLOAD -> interleavedPayload(in, out);
                    case FAILED -> throw new IllegalStateException("unreachable");
                }
            }
        } catch (ParseException e) {
            fail(e.reason());
            throw e;
        }
    }

    /** As {@link #decode(ByteBuffer, Consumer)}, collecting the frames. */
    public List<RtspFrame> feed(ByteBuffer in) throws ParseException {
        List<RtspFrame> frames = new ArrayList<>(2);
        decode(in, frames::add);
        return frames;
    }

    public List<RtspFrame> feed(byte[] data, int off, int len) throws ParseException {
        return feed(ByteBuffer.wrap(data, off, len));
    }

    public List<RtspFrame> feed(byte[] data) throws ParseException {
        return feed(data, 0, data.length);
    }

    private void fail(String reason) {
        state = State.FAILED;
        failure = reason;
        // Drop what was buffered: a failed connection should not pin memory until it is closed.
        line = new byte[0];
        body = null;
        payload = null;
        headerNames.clear();
        headerValues.clear();
    }

    private void frameStart(ByteBuffer in) {
        byte b = in.get(in.position());
        if (b == '\r' || b == '\n') {
            in.get();
            offset++;
        } else if (b == InterleavedFrame.MAGIC) {
            in.get();
            offset++;
            interleavedHeaderFilled = 0;
            state = State.INTERLEAVED_HEADER;
        } else {
            lineLength = 0;
            lineStart = offset;
            state = State.START_LINE;
        }
    }

    /**
     * Reads up to and including LF. Returns true with the line (LF excluded, CR kept) in {@code line}
     * once complete; fails as soon as the line holds more than {@code max} bytes.
     */
    private boolean readLine(ByteBuffer in, int max) throws ParseException {
        boolean header = state == State.HEADER_LINE;
        while (in.hasRemaining()) {
            byte b = in.get();
            offset++;
            if (b == '\n') {
                if (header) {
                    headerBytes += lineLength + 1;
                }
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength >= max) {
                throw new ParseException(header
                        ? "headers longer than " + limits.maxHeaderBytes() + " bytes"
                        : "start line longer than " + limits.maxStartLineLength() + " bytes", offset - 1);
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, Math.max(max, 16)));
            }
            line[lineLength++] = b;
        }
        return false;
    }

    /** The current line as text, after rejecting control characters (a bare CR among them) and non-UTF-8. */
    private String lineText() throws ParseException {
        boolean ascii = true;
        for (int i = 0; i < lineLength; i++) {
            int c = line[i] & 0xFF;
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new ParseException("control character " + RtspSyntax.hexByte(c) + " in " + lineKind(), lineStart + i);
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return new String(line, 0, lineLength, StandardCharsets.US_ASCII);
        }
        ByteBuffer in = ByteBuffer.wrap(line, 0, lineLength);
        CharBuffer text = CharBuffer.allocate(lineLength); // UTF-8 never decodes to more chars than bytes
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        CoderResult result = utf8.reset().decode(in, text, true);
        if (result.isUnderflow()) {
            result = utf8.flush(text);
        }
        if (result.isError()) {
            throw new ParseException("byte " + RtspSyntax.hexByte(line[in.position()]) + " in " + lineKind()
                    + " is not UTF-8", lineStart + in.position());
        }
        return text.flip().toString();
    }

    private String lineKind() {
        return state == State.START_LINE ? "start line" : "header";
    }

    private void startLine(Consumer<? super RtspFrame> out) throws ParseException {
        if (lineLength > limits.maxStartLineLength()) {
            throw new ParseException("start line longer than " + limits.maxStartLineLength() + " bytes", lineStart);
        }
        String raw = lineText();
        String text = RtspSyntax.trimWhitespace(raw);
        if (text.isEmpty()) {
            state = State.FRAME_START; // a line of blanks between messages
            return;
        }
        if (!text.startsWith("RTSP/") && RtspSyntax.isWhitespace(raw.charAt(0))) {
            // Strict for requests: live555's CVE-2013-6933/6934 came from tolerating this.
            throw new ParseException("request line starts with white space", lineStart);
        }
        startLine = text.startsWith("RTSP/") ? splitStatusLine(text) : splitRequestLine(text);
        headerNames.clear();
        headerValues.clear();
        headerBytes = 0;
        lineLength = 0;
        lineStart = offset;
        state = State.HEADER_LINE;
    }

    /** {@code RTSP/1.0 200 OK}: version, code, reason (possibly empty). */
    private String[] splitStatusLine(String text) throws ParseException {
        int sp = indexOfWhitespace(text, 0);
        String version = sp < 0 ? text : text.substring(0, sp);
        if (!RtspSyntax.isVersion(version)) {
            throw new ParseException("not an RTSP version: " + RtspSyntax.quote(version), lineStart);
        }
        if (sp < 0) {
            throw new ParseException("status line without status code", lineStart);
        }
        String rest = RtspSyntax.trimWhitespace(text.substring(sp));
        int sp2 = indexOfWhitespace(rest, 0);
        String code = sp2 < 0 ? rest : rest.substring(0, sp2);
        if (code.length() != 3 || !isDigits(code) || code.charAt(0) == '0') {
            throw new ParseException("status code is not three digits: " + RtspSyntax.quote(code), lineStart);
        }
        String reason = sp2 < 0 ? "" : RtspSyntax.trimWhitespace(rest.substring(sp2));
        return new String[] {version, code, reason};
    }

    /** {@code METHOD uri RTSP/1.0}: exactly three words. */
    private String[] splitRequestLine(String text) throws ParseException {
        String[] words = splitWords(text);
        if (words == null) {
            throw new ParseException("request line is not 'method URI version': " + RtspSyntax.quote(text), lineStart);
        }
        for (int i = 0; i < words[0].length(); i++) {
            if (!HeaderValues.isTokenChar(words[0].charAt(i))) {
                throw new ParseException("invalid character in method: " + RtspSyntax.quote(words[0]), lineStart + i);
            }
        }
        if (!RtspSyntax.isVersion(words[2])) {
            throw new ParseException("not an RTSP version: " + RtspSyntax.quote(words[2]), lineStart);
        }
        return words;
    }

    /** The three words of a trimmed request line, separated by runs of spaces and tabs; null for any other count. */
    private static String[] splitWords(String text) {
        String[] words = new String[3];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            int end = indexOfWhitespace(text, i);
            if (end < 0) {
                end = text.length();
            }
            if (n == words.length) {
                return null;
            }
            words[n++] = text.substring(i, end);
            i = end;
            while (i < text.length() && RtspSyntax.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        return n == words.length ? words : null;
    }

    private void headerLine(Consumer<? super RtspFrame> out) throws ParseException {
        String text = lineText();
        String trimmed = RtspSyntax.trimWhitespace(text);
        if (trimmed.isEmpty()) {
            endOfHeaders(out);
        } else if (RtspSyntax.isWhitespace(text.charAt(0))) {
            // obs-fold: the line continues the previous header's value.
            if (headerNames.isEmpty()) {
                throw new ParseException("continuation line before any header", lineStart);
            }
            int last = headerValues.size() - 1;
            String previous = headerValues.get(last);
            headerValues.set(last, previous.isEmpty() ? trimmed : previous + ' ' + trimmed);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new ParseException("header line without colon: " + RtspSyntax.quote(text), lineStart);
            }
            String name = RtspSyntax.trimWhitespace(text.substring(0, colon));
            if (name.isEmpty()) {
                throw new ParseException("header line with empty name", lineStart);
            }
            for (int i = 0; i < name.length(); i++) {
                if (!RtspSyntax.isHeaderNameChar(name.charAt(i))) {
                    throw new ParseException("invalid character in header name: " + RtspSyntax.quote(name), lineStart);
                }
            }
            headerNames.add(name);
            headerValues.add(RtspSyntax.trimWhitespace(text.substring(colon + 1)));
        }
        lineLength = 0;
        lineStart = offset;
    }

    private void endOfHeaders(Consumer<? super RtspFrame> out) throws ParseException {
        long length = contentLength();
        if (length > limits.maxBodyLength()) {
            throw new ParseException("body of " + length + " bytes is over the limit of "
                    + limits.maxBodyLength(), lineStart);
        }
        bodyLength = (int) length;
        bodyFilled = 0;
        body = new byte[Math.min(bodyLength, INITIAL_BODY_CAPACITY)];
        if (bodyLength == 0) {
            emitMessage(out);
        } else {
            state = State.BODY;
        }
    }

    /** The one Content-Length of the headers, 0 when absent; conflicting values are an error. */
    private long contentLength() throws ParseException {
        String value = null;
        for (int i = 0; i < headerNames.size(); i++) {
            if (headerNames.get(i).equalsIgnoreCase(CONTENT_LENGTH)) {
                String v = headerValues.get(i);
                if (value != null && !value.equals(v)) {
                    throw new ParseException("conflicting Content-Length values " + value + " and " + v, lineStart);
                }
                value = v;
            }
        }
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || value.length() > 10 || !isDigits(value)) {
            throw new ParseException("Content-Length is not a byte count: " + RtspSyntax.quote(value), lineStart);
        }
        return Long.parseLong(value);
    }

    private void body(ByteBuffer in, Consumer<? super RtspFrame> out) throws ParseException {
        int n = Math.min(in.remaining(), bodyLength - bodyFilled);
        if (bodyFilled + n > body.length) {
            body = Arrays.copyOf(body, Math.min(bodyLength, Math.max(bodyFilled + n, body.length * 2)));
        }
        in.get(body, bodyFilled, n);
        bodyFilled += n;
        offset += n;
        if (bodyFilled == bodyLength) {
            emitMessage(out);
        }
    }

    private void emitMessage(Consumer<? super RtspFrame> out) throws ParseException {
        RtspMessage message;
        try {
            RtspHeaders.Builder headers = RtspHeaders.builder();
            for (int i = 0; i < headerNames.size(); i++) {
                headers.add(headerNames.get(i), headerValues.get(i));
            }
            byte[] content = body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
            if (startLine[0].startsWith("RTSP/")) {
                message = new RtspResponse(startLine[0], Integer.parseInt(startLine[1]), startLine[2],
                        headers.build(), content);
            } else {
                message = new RtspRequest(RtspMethod.of(startLine[0]), startLine[1], startLine[2],
                        headers.build(), content);
            }
        } catch (IllegalArgumentException e) {
            // The checks above mirror the constructors'; this only guards against the two drifting apart.
            throw new ParseException("invalid message: " + e.getMessage(), offset, e);
        }
        startLine = null;
        body = null;
        headerNames.clear();
        headerValues.clear();
        state = State.FRAME_START;
        out.accept(message);
    }

    private void interleavedHeader(ByteBuffer in, Consumer<? super RtspFrame> out) {
        while (in.hasRemaining() && interleavedHeaderFilled < 3) {
            interleavedHeader[interleavedHeaderFilled++] = in.get();
            offset++;
        }
        if (interleavedHeaderFilled == 3) {
            int length = (interleavedHeader[1] & 0xFF) << 8 | interleavedHeader[2] & 0xFF;
            payload = new byte[length];
            payloadFilled = 0;
            state = State.INTERLEAVED_PAYLOAD;
            if (length == 0) {
                emitInterleaved(out);
            }
        }
    }

    private void interleavedPayload(ByteBuffer in, Consumer<? super RtspFrame> out) {
        int n = Math.min(in.remaining(), payload.length - payloadFilled);
        in.get(payload, payloadFilled, n);
        payloadFilled += n;
        offset += n;
        if (payloadFilled == payload.length) {
            emitInterleaved(out);
        }
    }

    private void emitInterleaved(Consumer<? super RtspFrame> out) {
        InterleavedFrame frame = new InterleavedFrame(interleavedHeader[0] & 0xFF, payload);
        payload = null;
        state = State.FRAME_START;
        out.accept(frame);
    }

    private static int indexOfWhitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (RtspSyntax.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
