package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SDP text line by line into a {@link SessionDescription}. One instance per parse; the rules
 * of each {@link SdpCompliance} mode are documented there. Offsets in errors are character offsets
 * into the text.
 */
final class SdpParser {
    /** RFC 4566 section 5 order of session-level lines ({@code r} shares {@code t}'s rank). */
    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    private static final String SESSION_ONCE = "vosiuczk";
    private static final String MEDIA_ORDER = "icbka";
    private static final String MEDIA_ONCE = "ik";

    private final String text;
    private final boolean strict;

    private final List<SdpLine> sessionLines = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private final Map<Character, Integer> sessionSeen = new HashMap<>();
    private final Map<Character, Integer> mediaSeen = new HashMap<>();
    private int lastRank = -1;
    private char lastType;

    private String[] mediaFields;
    private int mediaOffset;
    private List<SdpLine> mediaLines;

    SdpParser(String text, SdpCompliance compliance) {
        this.text = text;
        this.strict = compliance == SdpCompliance.STRICT;
    }

    SessionDescription parse() throws ParseException {
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = pos;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (strict && end < n && text.charAt(end) == '\r' && (end + 1 >= n || text.charAt(end + 1) != '\n')) {
                throw new ParseException("bare CR inside a line", end);
            }
            line(text.substring(pos, end), pos);
            pos = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
        }
        endMedia();
        if (sessionLines.isEmpty() && media.isEmpty()) {
            throw new ParseException("no SDP line (<type>=<value>) in the text", 0);
        }
        if (strict) {
            for (char required : "vost".toCharArray()) {
                if (!sessionSeen.containsKey(required)) {
                    throw new ParseException("required " + required + "= line missing", text.length());
                }
            }
        }
        return new SessionDescription(sessionLines, media);
    }

    private void line(String raw, int offset) throws ParseException {
        String line = raw.trim();
        if (strict && !line.equals(raw)) {
            throw new ParseException(raw.isEmpty() ? "empty line" : "whitespace around an SDP line", offset);
        }
        boolean wellFormed = line.length() >= 2 && line.charAt(1) == '=' && SdpLine.isType(line.charAt(0));
        if (!wellFormed) {
            if (strict) {
                throw new ParseException("not an SDP line (<letter>=<value>): '" + abbreviate(raw) + "'", offset);
            }
            return; // Lenient: a camera's stray line is not worth failing a stream over.
        }
        char type = line.charAt(0);
        String value = line.substring(2);
        if (strict && (type < 'a' || type > 'z')) {
            throw new ParseException("SDP line type must be lower case: '" + type + "'", offset);
        }
        if (type == 'm') {
            endMedia();
            startMedia(value, offset);
        } else if (mediaFields != null) {
            mediaLine(type, value, offset);
        } else {
            sessionLine(type, value, offset);
        }
    }

    private void sessionLine(char type, String value, int offset) throws ParseException {
        int count = sessionSeen.merge(type, 1, Integer::sum);
        if (type == 'c' && count > 1) {
            if (strict) {
                throw new ParseException("second session-level c= line", offset);
            }
            return; // Lenient: some cameras repeat c=; the first one wins.
        }
        if (strict) {
            checkSessionOrder(type, value, offset, count);
        }
        sessionLines.add(new SdpLine(type, value));
    }

    private void checkSessionOrder(char type, String value, int offset, int count) throws ParseException {
        int rank = SESSION_ORDER.indexOf(type == 'r' ? 't' : type);
        if (rank < 0) {
            throw new ParseException("unknown session-level line type '" + type + "'", offset);
        }
        if (rank < lastRank || (type == 'r' && lastType != 't' && lastType != 'r')) {
            throw new ParseException("'" + type + "=' out of RFC 4566 order", offset);
        }
        if (count > 1 && SESSION_ONCE.indexOf(type) >= 0) {
            throw new ParseException("more than one " + type + "= line", offset);
        }
        if (sessionLines.isEmpty() && type != 'v') {
            throw new ParseException("description must start with v=", offset);
        }
        if (type == 'v' && !value.equals("0")) {
            throw new ParseException("unsupported SDP version '" + value + "'", offset + 2);
        }
        if (type == 'o' && value.split(" ", -1).length != 6) {
            throw new ParseException("o= needs six fields separated by single spaces", offset + 2);
        }
        if (type == 's' && value.isEmpty()) {
            throw new ParseException("s= must not be empty", offset + 2);
        }
        lastRank = rank;
        lastType = type;
    }

    private void startMedia(String value, int offset) throws ParseException {
        // Any run of blanks or control characters separates fields (cameras use tabs too).
        String[] f = value.trim().split("[\\x00-\\x20]+");
        if (f.length < 3 || f[0].isEmpty()) {
            throw new ParseException("m= needs media, port and protocol: '" + abbreviate(value) + "'", offset);
        }
        if (strict && f.length < 4) {
            throw new ParseException("m= without a format", offset);
        }
        mediaFields = f;
        mediaOffset = offset;
        mediaLines = new ArrayList<>();
        mediaSeen.clear();
        lastRank = -1;
        // The port is checked here so that the error points at this line.
        port(f[1]);
    }

    private void mediaLine(char type, String value, int offset) throws ParseException {
        int count = mediaSeen.merge(type, 1, Integer::sum);
        if (type == 'c' && count > 1 && !strict) {
            return; // Lenient: the first c= of a section wins. (RFC 4566 allows several for layered multicast.)
        }
        if (strict) {
            int rank = MEDIA_ORDER.indexOf(type);
            if (rank < 0) {
                throw new ParseException("unknown media-level line type '" + type + "'", offset);
            }
            if (rank < lastRank) {
                throw new ParseException("'" + type + "=' out of RFC 4566 order", offset);
            }
            if (count > 1 && MEDIA_ONCE.indexOf(type) >= 0) {
                throw new ParseException("more than one " + type + "= line in a media section", offset);
            }
            lastRank = rank;
        }
        mediaLines.add(new SdpLine(type, value));
    }

    private void endMedia() throws ParseException {
        if (mediaFields == null) {
            return;
        }
        int[] port = port(mediaFields[1]);
        List<String> formats = Arrays.asList(mediaFields).subList(3, mediaFields.length);
        media.add(new MediaDescription(mediaFields[0], port[0], port[1], mediaFields[2], formats, mediaLines));
        mediaFields = null;
    }

    /** {@code <port>} or {@code <port>/<count>}. */
    private int[] port(String field) throws ParseException {
        int slash = field.indexOf('/');
        String p = slash < 0 ? field : field.substring(0, slash);
        String c = slash < 0 ? null : field.substring(slash + 1);
        int port = number(p, 0xFFFF);
        int count = c == null ? 0 : number(c, 0xFFFF);
        if (port < 0 || count < 0 || (c != null && count == 0)) {
            throw new ParseException("m= port is not <port>[/<count>]: '" + field + "'", mediaOffset + 2);
        }
        return new int[] {port, count};
    }

    private static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v > max ? -1 : v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
