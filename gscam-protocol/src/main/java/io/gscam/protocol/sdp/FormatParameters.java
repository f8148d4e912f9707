package io.gscam.protocol.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The parameter list of an {@code a=fmtp:<pt> <parameters>} attribute, as {@code name=value} pairs
 * separated by {@code ;}. Written by cameras with and without spaces after the semicolons
 * ({@code packetization-mode=1; sprop-parameter-sets=...}) and with a trailing semicolon, so both are
 * read. Names are lower-cased (media type parameter names are case-insensitive, RFC 6838 section 4.3)
 * and values trimmed; a value keeps any {@code =} after the first (base64 padding). A name given
 * twice keeps its first value. A bare token ({@code 0-15} of telephone-event) maps to "".
 */
public final class FormatParameters {
    private FormatParameters() {
    }

    /** Reads a parameter list into an unmodifiable map in the order written. */
    public static Map<String, String> parse(String parameters) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Writes the pairs as {@code a=b; c=d}, the separator the Grandstream camera uses. */
    public static String format(Map<String, String> parameters) {
        StringJoiner j = new StringJoiner("; ");
        parameters.forEach((k, v) -> j.add(v.isEmpty() ? k : k + "=" + v));
        return j.toString();
    }
}
