package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Building blocks shared by the header parsers: quote-aware splitting of a header value into
 * segments that remember their offset (so a {@link ParseException} points into the original value),
 * {@code name=value} parameters, and RFC 2616 quoted strings.
 *
 * <p>Whitespace here is linear white space in the broad sense cameras use it: space, tab, and the
 * CR/LF of a folded header line.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** A piece of a header value and where it starts in the whole value. */
    public record Segment(String text, int offset) {
        /** The same piece without leading and trailing white space, offset adjusted. */
        public Segment trim() {
            int start = 0;
            int end = text.length();
            while (start < end && isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return new Segment(text.substring(start, end), offset + start);
        }

        public boolean isEmpty() {
            return text.isEmpty();
        }

        /** A parse error located at the start of this segment. */
        public ParseException error(String reason) {
            return new ParseException(reason, offset);
        }
    }

    /** A {@code name[=value]} parameter; the name is trimmed, the value is trimmed and still quoted. */
    public record Parameter(Segment name, Optional<Segment> value) {
        /** The name in lower case, for case-insensitive matching. */
        public String key() {
            return name.text().toLowerCase(java.util.Locale.ROOT);
        }

        /** The value with quotes removed, or a parse error naming the parameter when it has none. */
        public String requireValue() throws ParseException {
            Segment v = value.orElseThrow(() -> name.error("parameter '" + name.text() + "' needs a value"));
            return unquote(v);
        }
    }

    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Splits on {@code separator} outside quoted strings. Segments are trimmed; empty ones are kept so
     * callers decide whether {@code a;;b} is tolerable.
     *
     * @throws ParseException when a quoted string is not closed
     */
    public static List<Segment> split(Segment value, char separator) throws ParseException {
        List<Segment> out = new ArrayList<>();
        String s = value.text();
        int start = 0;
        boolean quoted = false;
        int quoteStart = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                quoteStart = i;
            } else if (c == separator) {
                out.add(new Segment(s.substring(start, i), value.offset() + start).trim());
                start = i + 1;
            }
        }
        if (quoted) {
            throw new ParseException("unterminated quoted string", value.offset() + quoteStart);
        }
        out.add(new Segment(s.substring(start), value.offset() + start).trim());
        return out;
    }

    /** Splits a whole header value; see {@link #split(Segment, char)}. */
    public static List<Segment> split(String value, char separator) throws ParseException {
        return split(new Segment(value, 0), separator);
    }

    /** Reads {@code name}, {@code name=value} or {@code name = "value"} from one segment. */
    public static Parameter parameter(Segment segment) throws ParseException {
        Segment trimmed = segment.trim();
        int eq = indexOutsideQuotes(trimmed.text(), '=');
        if (eq < 0) {
            return new Parameter(checkName(trimmed), Optional.empty());
        }
        Segment name = checkName(new Segment(trimmed.text().substring(0, eq), trimmed.offset()).trim());
        Segment value = new Segment(trimmed.text().substring(eq + 1), trimmed.offset() + eq + 1).trim();
        return new Parameter(name, Optional.of(value));
    }

    private static Segment checkName(Segment name) throws ParseException {
        if (!isToken(name.text())) {
            throw name.error("not a parameter name: '" + abbreviate(name.text()) + "'");
        }
        return name;
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text of a value: a quoted string loses its quotes and escapes, anything else is returned as
     * is (it must not contain a quote).
     */
    public static String unquote(Segment value) throws ParseException {
        String s = value.text();
        if (s.isEmpty() || s.charAt(0) != '"') {
            int quote = s.indexOf('"');
            if (quote >= 0) {
                throw new ParseException("stray quote", value.offset() + quote);
            }
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (c == '"') {
                if (i != s.length() - 1) {
                    throw new ParseException("text after quoted string", value.offset() + i + 1);
                }
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new ParseException("unterminated quoted string", value.offset());
    }

    /** Writes {@code s} as an RFC 2616 quoted string, escaping quotes and backslashes. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Whether {@code s} is a non-empty RFC 2616 token (visible ASCII without separators). */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /**
     * Whether {@code s} can be written bare inside a {@code ;}/{@code ,}-separated header value: no
     * white space, control characters, quotes, separators of the list, or {@code =}.
     */
    public static boolean isBareValue(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ';' || c == ',' || c == '=' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} may appear inside a quoted string: no control characters (CR/LF above all). */
    public static boolean isQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal integer no larger than {@code max}. */
    public static long parseDecimal(Segment digits, long max, String what) throws ParseException {
        String s = digits.text();
        if (s.isEmpty() || s.length() > 19) {
            throw digits.error("bad " + what + ": '" + abbreviate(s) + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseException("bad " + what + ": '" + abbreviate(s) + "'", digits.offset() + i);
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                throw digits.error(what + " out of range: '" + abbreviate(s) + "'");
            }
        }
        return v;
    }

    /** Cuts long input for error messages, so a 64 KiB header does not land in a log line. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
