package io.gscam.cli.client;

import java.util.List;
import java.util.Locale;

/**
 * A JSON object written by hand, field by field, in the order added (RFC 8259): strings escaped,
 * numbers without exponent, no dependency. Enough for the commands' one-line outputs.
 */
public final class JsonObject {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean empty = true;

    public JsonObject add(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    public JsonObject add(String name, long value) {
        return raw(name, Long.toString(value));
    }

    public JsonObject add(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A number: integral values without a fraction ({@code 30}), others with up to 3 decimals ({@code 29.97}). */
    public JsonObject add(String name, double value) {
        return raw(name, number(value));
    }

    public JsonObject add(String name, JsonObject value) {
        return raw(name, value.toString());
    }

    public JsonObject add(String name, List<JsonObject> values) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            a.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return raw(name, a.append(']').toString());
    }

    private JsonObject raw(String name, String json) {
        sb.append(empty ? "" : ",").append(quote(name)).append(':').append(json);
        empty = false;
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    /** {@code s} as a JSON string: quotes, backslash and every control character escaped. */
    public static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript parsers that eval lines.
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null"; // JSON has no NaN
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
