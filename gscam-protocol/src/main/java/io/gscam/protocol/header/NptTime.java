package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A normal play time (RFC 2326 section 3.6): {@code now} for a live position, or an offset from the
 * start of the presentation with nanosecond resolution. Read as seconds ({@code 12.5}) or
 * {@code h:mm:ss.fraction}; written as seconds with at least three decimals ({@code 0.000}), the form
 * clients and the spec send.
 */
public record NptTime(boolean isNow, Duration offset) {
    /** The live position. */
    public static final NptTime NOW = new NptTime(true, Duration.ZERO);
    /** The beginning of the presentation, {@code 0.000}. */
    public static final NptTime ZERO = new NptTime(false, Duration.ZERO);

    /** No more than about 317 years, so nanoseconds fit a long. */
    private static final long MAX_SECONDS = 9_999_999_999L;

    public NptTime {
        Objects.requireNonNull(offset, "offset");
        if (isNow && !offset.isZero()) {
            throw new IllegalArgumentException("'now' has no offset");
        }
        if (offset.isNegative() || offset.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("npt offset out of range: " + offset);
        }
    }

    public static NptTime of(Duration offset) {
        return new NptTime(false, offset);
    }

    static NptTime parse(Segment s) throws ParseException {
        String t = s.text();
        if (t.toLowerCase(Locale.ROOT).equals("now")) {
            return NOW;
        }
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        long nanos = dot < 0 ? 0 : fraction(new Segment(t.substring(dot + 1), s.offset() + dot + 1));
        String[] hms = whole.split(":", -1);
        long seconds;
        if (hms.length == 1) {
            seconds = HeaderValues.parseDecimal(new Segment(whole, s.offset()), MAX_SECONDS, "npt seconds");
        } else if (hms.length == 3) {
            int mAt = s.offset() + hms[0].length() + 1;
            int sAt = mAt + hms[1].length() + 1;
            long h = HeaderValues.parseDecimal(new Segment(hms[0], s.offset()), MAX_SECONDS / 3600, "npt hours");
            long m = HeaderValues.parseDecimal(new Segment(hms[1], mAt), 59, "npt minutes");
            long sec = HeaderValues.parseDecimal(new Segment(hms[2], sAt), 59, "npt seconds");
            seconds = h * 3600 + m * 60 + sec;
            if (seconds > MAX_SECONDS) {
                throw s.error("npt time out of range");
            }
        } else {
            throw s.error("bad npt time: '" + HeaderValues.abbreviate(t) + "'");
        }
        return of(Duration.ofSeconds(seconds, nanos));
    }

    /** Decimal fraction to nanoseconds; digits past the ninth are dropped (no camera is that precise). */
    private static long fraction(Segment digits) throws ParseException {
        String d = digits.text();
        if (d.isEmpty()) {
            return 0; // "12." is sloppy but unambiguous
        }
        long nanos = 0;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseException("bad npt fraction", digits.offset() + i);
            }
            if (i < 9) {
                nanos = nanos * 10 + (c - '0');
            }
        }
        for (int i = d.length(); i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    public String format() {
        if (isNow) {
            return "now";
        }
        char[] frac = new char[9]; // the nanoseconds, zero-padded
        for (int i = frac.length - 1, nanos = offset.getNano(); i >= 0; i--, nanos /= 10) {
            frac[i] = (char) ('0' + nanos % 10);
        }
        int end = frac.length;
        while (end > 3 && frac[end - 1] == '0') {
            end--;
        }
        return new StringBuilder(24).append(offset.getSeconds()).append('.').append(frac, 0, end).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
