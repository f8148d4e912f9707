package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;

import java.util.Objects;

/**
 * An {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} attribute (RFC 4566 section 6).
 *
 * @param payloadType  RTP payload type, 0..127
 * @param encodingName as written ({@code H264}, {@code PCMU}, {@code mpeg4-generic}); compare with
 *                     {@link #isEncoding(String)}, since encoding names are case-insensitive
 * @param clockRate    RTP timestamp units per second
 * @param channels     audio channels as written, or 0 when the attribute leaves them out (which
 *                     RFC 4566 reads as one channel; see {@link #channelCount()})
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " not in 0..127");
        }
        if (encodingName.isEmpty() || encodingName.indexOf('/') >= 0 || encodingName.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad encoding name '" + encodingName + "'");
        }
        if (clockRate <= 0 || channels < 0) {
            throw new IllegalArgumentException("bad clock rate " + clockRate + " or channels " + channels);
        }
    }

    /** An rtpmap without a channel count. */
    public RtpMap(int payloadType, String encodingName, int clockRate) {
        this(payloadType, encodingName, clockRate, 0);
    }

    /** Reads the value of an {@code a=rtpmap:} line, such as {@code 96 H264/90000}. */
    public static RtpMap parse(String value) throws ParseException {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new ParseException("rtpmap without encoding: '" + value + "'", 0);
        }
        int pt = parseInt(v.substring(0, space), "payload type", 0);
        String rest = v.substring(space + 1).trim();
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[0].indexOf(' ') >= 0) {
            throw new ParseException("rtpmap is not <encoding>/<clock rate>[/<channels>]: '" + value + "'", space + 1);
        }
        int clock = parseInt(parts[1], "clock rate", space + 1);
        int channels = parts.length == 3 ? parseInt(parts[2], "channel count", space + 1) : 0;
        if (pt > 127 || clock == 0) {
            throw new ParseException("rtpmap payload type or clock rate out of range: '" + value + "'", 0);
        }
        return new RtpMap(pt, parts[0], clock, channels);
    }

    private static int parseInt(String s, String what, int offset) throws ParseException {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ParseException("rtpmap " + what + " is not a number: '" + s + "'", offset);
        }
        return Integer.parseInt(t);
    }

    /** Channels, with RFC 4566's default of one when the attribute leaves them out. */
    public int channelCount() {
        return channels == 0 ? 1 : channels;
    }

    /** Whether this is the given encoding, ignoring case as RFC 4855 asks. */
    public boolean isEncoding(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    /** The value of the {@code a=rtpmap:} line. */
    public String format() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels == 0 ? "" : "/" + channels);
    }
}
