package io.gscam.protocol.rtsp;

import io.gscam.protocol.header.HeaderValues;

import java.util.HexFormat;

/**
 * The character rules shared by the builders and the decoder, so that whatever the decoder accepts a
 * builder accepts too (and parse(write(x)) == x holds for every value a builder can make).
 */
final class RtspSyntax {
    private static final String VERSION_PREFIX = "RTSP/";
    /** The most digits either number of a version may have: RFC 2326 sets none; four is plenty. */
    private static final int MAX_VERSION_DIGITS = 4;

    private RtspSyntax() {
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * A header name: any visible ASCII but the colon. Wider than RFC's token on purpose: cheap firmware
     * invents names, and a name we can read back unchanged is better than a dropped connection.
     */
    static boolean isHeaderNameChar(char c) {
        return c > 0x20 && c < 0x7F && c != ':';
    }

    /** A control character that may not appear in a start line or header value (HTAB is allowed). */
    static boolean isForbiddenControl(char c) {
        return c < 0x20 && c != '\t' || c == 0x7F;
    }

    static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** RTSP-Version = "RTSP" "/" 1*DIGIT "." 1*DIGIT (RFC 2326 section 3.1), up to four digits each. */
    static boolean isVersion(String s) {
        if (!s.startsWith(VERSION_PREFIX)) {
            return false;
        }
        int dot = s.indexOf('.', VERSION_PREFIX.length());
        return dot >= 0 && isVersionNumber(s, VERSION_PREFIX.length(), dot) && isVersionNumber(s, dot + 1, s.length());
    }

    private static boolean isVersionNumber(String s, int from, int to) {
        if (to - from < 1 || to - from > MAX_VERSION_DIGITS) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code 0x} and two lowercase hex digits, for a byte or character in an error message. */
    static String hexByte(int b) {
        return "0x" + HexFormat.of().toHexDigits((byte) b);
    }

    /** Index of the first character that may not appear in text (a value, a reason, a URI), or -1. */
    static int firstInvalidTextChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isForbiddenControl(c)) {
                return i;
            }
            // A lone surrogate cannot be written as UTF-8 and would not read back as itself.
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static String requireMethodName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty RTSP method");
        }
        if (name.charAt(0) == InterleavedFrame.MAGIC) {
            // '$' is a token character, but at the start of a line it announces an interleaved frame.
            throw new IllegalArgumentException("RTSP method may not start with '$': " + quote(name));
        }
        for (int i = 0; i < name.length(); i++) {
            if (!HeaderValues.isTokenChar(name.charAt(i))) { // RFC 7230 tchar
                throw new IllegalArgumentException("invalid character in RTSP method: " + quote(name));
            }
        }
        return name;
    }

    static String requireHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isHeaderNameChar(name.charAt(i))) {
                throw new IllegalArgumentException("invalid character in header name: " + quote(name));
            }
        }
        return name;
    }

    /** Trims the value (as the decoder does) and rejects what cannot be written on one header line. */
    static String requireHeaderValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for header " + name);
        }
        String trimmed = trimWhitespace(value);
        if (firstInvalidTextChar(trimmed) >= 0) {
            throw new IllegalArgumentException("invalid character in value of header " + name + ": " + quote(value));
        }
        return trimmed;
    }

    static String requireUri(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("empty request URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            if (isWhitespace(uri.charAt(i))) {
                throw new IllegalArgumentException("whitespace in request URI: " + quote(uri));
            }
        }
        if (firstInvalidTextChar(uri) >= 0) {
            throw new IllegalArgumentException("invalid character in request URI: " + quote(uri));
        }
        return uri;
    }

    static String requireVersion(String version) {
        if (version == null || !isVersion(version)) {
            throw new IllegalArgumentException("not an RTSP version: " + quote(version));
        }
        return version;
    }

    static String requireReason(String reason) {
        if (reason == null) {
            throw new IllegalArgumentException("null reason phrase");
        }
        String trimmed = trimWhitespace(reason);
        if (firstInvalidTextChar(trimmed) >= 0) {
            throw new IllegalArgumentException("invalid character in reason phrase: " + quote(reason));
        }
        return trimmed;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > n ? "...\"" : "\"").toString();
    }
}
