package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.server.stream.StreamPath;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * What a request URL names: a stream ({@code rtsp://host:port/0}, {@code /0/}, {@code /front}, any
 * host) and optionally one of its tracks ({@code /0/trackID=1}, as the SDP's
 * {@code a=control:trackID=1} resolves against Content-Base). The last path segment is the track
 * when it is {@code trackID=<1 or 2 digits>}; the rest, decoded, is the {@link StreamPath}.
 */
record StreamUrl(StreamPath path, OptionalInt track) {
    private static final String TRACK = "trackID=";

    /** The URL's stream and track, or a ParseException for a URL without a path (answered with 404). */
    static StreamUrl parse(String uri) throws ParseException {
        String path = GrandstreamChannel.requestPath(uri);
        if (!path.startsWith("/")) {
            throw new ParseException("path '" + uri + "' does not start with /", 0);
        }
        path = strip(path);
        OptionalInt track = OptionalInt.empty();
        int last = path.lastIndexOf('/');
        String segment = path.substring(last + 1);
        if (segment.regionMatches(true, 0, TRACK, 0, TRACK.length())) {
            String n = segment.substring(TRACK.length());
            if (!n.isEmpty() && n.length() <= 2 && n.chars().allMatch(Character::isDigit)) {
                track = OptionalInt.of(Integer.parseInt(n));
                path = last < 0 ? "" : strip(path.substring(0, last));
            }
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ParseException("bad percent-encoding in '" + path + "'", 0);
        }
        if (decoded.isEmpty()) {
            throw new ParseException("no stream in '" + uri + "'", uri.length());
        }
        return new StreamUrl(StreamPath.of(decoded), track);
    }

    /** Without the leading and trailing slashes. */
    private static String strip(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
