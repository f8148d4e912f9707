package io.gscam.protocol.sdp;

/**
 * How closely {@link SessionDescription#parse(String, SdpCompliance)} holds a description to
 * RFC 4566. Named modes, as Jetty's HttpCompliance, because cameras are not going to change.
 */
public enum SdpCompliance {
    /**
     * What real cameras send, and the default: {@code v=}, {@code o=}, {@code s=} and {@code t=}
     * may be missing (the Grandstream DESCRIBE answer has none of them), lines may end in {@code \n}
     * and carry trailing spaces, blank lines and lines that are not {@code <letter>=} are skipped,
     * lines of any type are kept in any order, and a second {@code c=} line at the same level is
     * dropped (the first wins). Origin numbers are kept as text, so 20-digit ids survive.
     */
    LENIENT,
    /**
     * RFC 4566 section 5 as written: {@code v=0}, {@code o=} with six fields, {@code s=} and at
     * least one {@code t=} first, known line types in the grammar's order, one {@code c=} at session
     * level, a media line with at least one format, no blank lines and no surrounding whitespace.
     * Still accepts bare {@code \n}, as the RFC asks of parsers.
     */
    STRICT
}
