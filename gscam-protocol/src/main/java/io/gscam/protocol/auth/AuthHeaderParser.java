package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues;
import io.gscam.protocol.header.HeaderValues.Parameter;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads WWW-Authenticate and Authorization values (RFC 2617 section 1.2, RFC 7235 section 2.1):
 * one or more {@code scheme [token68 | param, param...]} separated by commas. The comma is
 * ambiguous (it separates both parameters and challenges), so a comma-separated item that starts
 * with a token followed by white space and no {@code =} begins a new scheme, as OkHttp does.
 *
 * <p>Tolerated: quoted or bare values, any parameter order, white space (including the CR/LF of a
 * folded line) around {@code ,} and {@code =}, empty list items.
 */
final class AuthHeaderParser {
    static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private AuthHeaderParser() {
    }

    /** One scheme with what followed it. */
    record Item(String scheme, Optional<String> token68, List<AuthParam> params, int offset) {
        Optional<String> param(String name) {
            return AuthParam.last(params, name);
        }

        String require(String name) throws ParseException {
            return param(name).orElseThrow(() -> new ParseException(scheme + " lacks " + name, offset));
        }

        /** The parameters other than those named. */
        List<AuthParam> others(List<String> modelled) {
            List<AuthParam> out = new ArrayList<>();
            for (AuthParam p : params) {
                if (modelled.stream().noneMatch(p::is)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    static List<Item> parse(String value) throws ParseException {
        List<Item> items = new ArrayList<>();
        String scheme = null;
        Optional<String> token68 = Optional.empty();
        List<AuthParam> params = new ArrayList<>();
        int schemeOffset = 0;
        for (Segment s : HeaderValues.split(value, ',')) {
            if (s.isEmpty()) {
                continue;
            }
            Optional<Segment> rest = schemeStart(s);
            if (rest.isPresent()) {
                if (scheme != null) {
                    items.add(new Item(scheme, token68, params, schemeOffset));
                }
                scheme = firstWord(s);
                schemeOffset = s.offset();
                token68 = Optional.empty();
                params = new ArrayList<>();
                Segment r = rest.get();
                if (r.isEmpty()) {
                    continue;
                }
                if (TOKEN68.matcher(r.text()).matches()) {
                    token68 = Optional.of(r.text());
                    continue;
                }
                s = r;
            }
            if (scheme == null) {
                throw s.error("parameter before an authentication scheme");
            }
            params.add(param(s));
        }
        if (scheme == null) {
            throw new ParseException("no authentication scheme", 0);
        }
        items.add(new Item(scheme, token68, params, schemeOffset));
        return items;
    }

    /** The first word of a value, the scheme; empty when the value is blank. */
    static String scheme(String value) {
        String t = value.strip();
        int end = 0;
        while (end < t.length() && !HeaderValues.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end);
    }

    /**
     * When {@code s} begins a new scheme ({@code Digest realm="x"}, {@code Basic}), what follows
     * the scheme; empty when {@code s} is a parameter ({@code realm = "x"}).
     */
    private static Optional<Segment> schemeStart(Segment s) throws ParseException {
        String t = s.text();
        int ws = 0;
        while (ws < t.length() && !HeaderValues.isWhitespace(t.charAt(ws))) {
            ws++;
        }
        String word = t.substring(0, ws);
        int eq = word.indexOf('=');
        if (eq >= 0) {
            return Optional.empty(); // name=value with no space before '='
        }
        Segment rest = new Segment(t.substring(ws), s.offset() + ws).trim();
        if (rest.text().startsWith("=")) {
            return Optional.empty(); // name = value
        }
        if (!HeaderValues.isToken(word)) {
            throw s.error("bad authentication scheme: '" + HeaderValues.abbreviate(word) + "'");
        }
        return Optional.of(rest);
    }

    private static String firstWord(Segment s) {
        return scheme(s.text());
    }

    private static AuthParam param(Segment s) throws ParseException {
        Parameter p = HeaderValues.parameter(s);
        Segment v = p.value().orElseThrow(() -> p.name().error("parameter '" + p.name().text() + "' needs a value"));
        String value = HeaderValues.unquote(v);
        if (!HeaderValues.isQuotable(value)) {
            throw v.error("control character in value of " + p.name().text());
        }
        return new AuthParam(p.name().text(), value);
    }
}
