package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;

/** The shared {@code a-b} / {@code a} syntax of ports and interleaved channels. */
final class Pairs {
    private Pairs() {
    }

    static long[] parse(HeaderValues.Segment value, long max, String what) throws ParseException {
        HeaderValues.Segment v = new HeaderValues.Segment(HeaderValues.unquote(value), value.offset()).trim();
        int dash = v.text().indexOf('-');
        if (dash < 0) {
            long first = HeaderValues.parseDecimal(v, max, what);
            if (first + 1 > max) {
                throw v.error(what + " " + first + " leaves no room for its pair");
            }
            return new long[] {first, first + 1};
        }
        HeaderValues.Segment a = new HeaderValues.Segment(v.text().substring(0, dash), v.offset()).trim();
        HeaderValues.Segment b = new HeaderValues.Segment(v.text().substring(dash + 1), v.offset() + dash + 1).trim();
        return new long[] {HeaderValues.parseDecimal(a, max, what), HeaderValues.parseDecimal(b, max, what)};
    }
}
