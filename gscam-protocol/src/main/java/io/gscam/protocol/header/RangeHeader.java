package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Range header (RFC 2326 section 12.29). Normal play time is modelled ({@code npt=0.000-},
 * {@code npt=now-}, {@code npt=10-20.5}, {@code npt=-30}); SMPTE and clock ranges are kept as text
 * since neither end of gscam seeks by them, but a clock range must have RFC 2326's shape (a server
 * answers anything else with 457). A trailing {@code ;time=} parameter is ignored.
 */
public sealed interface RangeHeader permits RangeHeader.Npt, RangeHeader.Other {
    /** RFC 2326 3.7: {@code utc-time "-" [utc-time]}, {@code utc-time = 8DIGIT "T" 6DIGIT ["." 1*9DIGIT] "Z"}. */
    Pattern CLOCK_RANGE = Pattern.compile("\\d{8}T\\d{6}(\\.\\d{1,9})?Z-(\\d{8}T\\d{6}(\\.\\d{1,9})?Z)?");

    /** Writes the header value. */
    String format();

    /** From {@code start} to the end: {@code npt=<start>-}. */
    static Npt from(NptTime start) {
        return new Npt(Optional.of(start), Optional.empty());
    }

    static RangeHeader parse(String value) throws ParseException {
        Segment range = HeaderValues.split(value, ';').get(0);
        int eq = range.text().indexOf('=');
        if (eq < 0) {
            throw range.error("Range needs unit=range: '" + HeaderValues.abbreviate(range.text()) + "'");
        }
        Segment unit = new Segment(range.text().substring(0, eq), range.offset()).trim();
        Segment spec = new Segment(range.text().substring(eq + 1), range.offset() + eq + 1).trim();
        if (!HeaderValues.isToken(unit.text())) {
            throw unit.error("bad Range unit: '" + HeaderValues.abbreviate(unit.text()) + "'");
        }
        String unitName = unit.text().toLowerCase(Locale.ROOT);
        if (!unitName.equals("npt")) {
            if (!HeaderValues.isBareValue(spec.text())
                    || unitName.equals("clock") && !CLOCK_RANGE.matcher(spec.text()).matches()) {
                throw spec.error("bad " + unitName + " range: '" + HeaderValues.abbreviate(spec.text()) + "'");
            }
            return new Other(unitName, spec.text());
        }
        int dash = spec.text().indexOf('-');
        if (dash < 0) {
            throw spec.error("npt range needs '-': '" + HeaderValues.abbreviate(spec.text()) + "'");
        }
        Segment start = new Segment(spec.text().substring(0, dash), spec.offset()).trim();
        Segment end = new Segment(spec.text().substring(dash + 1), spec.offset() + dash + 1).trim();
        if (start.isEmpty() && end.isEmpty()) {
            throw spec.error("npt range without start or end");
        }
        return new Npt(start.isEmpty() ? Optional.empty() : Optional.of(NptTime.parse(start)),
                end.isEmpty() ? Optional.empty() : Optional.of(NptTime.parse(end)));
    }

    /** An npt range; at least one end is present. */
    record Npt(Optional<NptTime> start, Optional<NptTime> end) implements RangeHeader {
        public Npt {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start.isEmpty() && end.isEmpty()) {
                throw new IllegalArgumentException("an npt range needs a start or an end");
            }
        }

        @Override
        public String format() {
            return "npt=" + start.map(NptTime::format).orElse("") + "-" + end.map(NptTime::format).orElse("");
        }
    }

    /** A range in another unit ({@code clock}, {@code smpte}, ...), kept as written after the {@code =}. */
    record Other(String unit, String range) implements RangeHeader {
        public Other {
            if (!HeaderValues.isToken(unit) || !unit.equals(unit.toLowerCase(Locale.ROOT)) || unit.equals("npt")) {
                throw new IllegalArgumentException("bad range unit: " + unit);
            }
            if (!HeaderValues.isBareValue(range) || unit.equals("clock") && !CLOCK_RANGE.matcher(range).matches()) {
                throw new IllegalArgumentException("bad range: " + range);
            }
        }

        @Override
        public String format() {
            return unit + "=" + range;
        }
    }
}
