package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.util.OptionalInt;

/**
 * What a request URL names: a channel ({@code rtsp://host:port/0}, {@code /0/}, any host) and
 * optionally one of its tracks ({@code /0/trackID=1}, as the SDP's {@code a=control:trackID=1}
 * resolves against Content-Base).
 */
record StreamUrl(GrandstreamChannel channel, OptionalInt track) {

    /** The URL's channel and track, or a ParseException for anything else (answered with 404). */
    static StreamUrl parse(String uri) throws ParseException {
        GrandstreamChannel channel = GrandstreamChannel.parsePath(uri);
        String path = GrandstreamChannel.requestPath(uri);
        // path is /<digit>[/rest]
        String rest = path.length() > 2 ? path.substring(3) : "";
        if (rest.isEmpty()) {
            return new StreamUrl(channel, OptionalInt.empty());
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String prefix = "trackID=";
        if (rest.regionMatches(true, 0, prefix, 0, prefix.length())) {
            String n = rest.substring(prefix.length());
            if (!n.isEmpty() && n.length() <= 2 && n.chars().allMatch(Character::isDigit)) {
                return new StreamUrl(channel, OptionalInt.of(Integer.parseInt(n)));
            }
        }
        throw new ParseException("no such track: " + rest, uri.length() - rest.length());
    }
}
