package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Segment;

/**
 * The CSeq header (RFC 2326 section 12.17): the sequence number that pairs a response with its
 * request. Kept as an unsigned 32-bit value, the widest any implementation sends.
 */
public record CSeq(long value) {
    public static final long MAX = 0xFFFF_FFFFL;

    public CSeq {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("CSeq out of range: " + value);
        }
    }

    /** Parses the decimal value; white space around it is tolerated. */
    public static CSeq parse(String value) throws ParseException {
        return new CSeq(HeaderValues.parseDecimal(new Segment(value, 0).trim(), MAX, "CSeq"));
    }

    /** The number a client uses for its next request (wrapping after 2^32-1). */
    public CSeq next() {
        return new CSeq(value == MAX ? 0 : value + 1);
    }

    public String format() {
        return Long.toString(value);
    }

    @Override
    public String toString() {
        return format();
    }
}
