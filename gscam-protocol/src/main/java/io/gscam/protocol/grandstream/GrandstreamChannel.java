package io.gscam.protocol.grandstream;

import io.gscam.protocol.ParseException;

/**
 * A Grandstream stream number, the path of {@code rtsp://host:port/<channel>}: 0..3 are the primary
 * streams of video inputs 1..4, 4..7 their secondary streams (the spec's RTSP note 2). An IP camera
 * has one input, so channels 0 and 4.
 */
public record GrandstreamChannel(int number) {
    public static final int MIN = 0;
    public static final int MAX = 7;
    private static final int INPUTS = 4;

    public GrandstreamChannel {
        if (number < MIN || number > MAX) {
            throw new IllegalArgumentException("channel " + number + " not in 0..7");
        }
    }

    public static GrandstreamChannel of(int number) {
        return new GrandstreamChannel(number);
    }

    /** The channel of {@code input} (1..4), primary or secondary stream. */
    public static GrandstreamChannel of(int input, boolean primary) {
        if (input < 1 || input > INPUTS) {
            throw new IllegalArgumentException("video input " + input + " not in 1..4");
        }
        return new GrandstreamChannel(input - 1 + (primary ? 0 : INPUTS));
    }

    /** The video input, 1..4. */
    public int input() {
        return number % INPUTS + 1;
    }

    public boolean isPrimary() {
        return number < INPUTS;
    }

    /** The other stream of the same input. */
    public GrandstreamChannel sibling() {
        return new GrandstreamChannel((number + INPUTS) % (2 * INPUTS));
    }

    /** {@code /<number>}, the path a client puts in its RTSP URL. */
    public String path() {
        return "/" + number;
    }

    /**
     * The channel named by the first segment of an RTSP URL's path: {@code /0}, {@code /0/},
     * {@code /0/trackID=1}, or a whole URL {@code rtsp://host:554/0/trackID=0}. A query string is ignored.
     */
    public static GrandstreamChannel parsePath(String pathOrUrl) throws ParseException {
        String path = requestPath(pathOrUrl);
        if (!path.startsWith("/")) {
            throw new ParseException("path '" + pathOrUrl + "' does not start with /", 0);
        }
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        if (segment.length() != 1 || segment.charAt(0) < '0' || segment.charAt(0) > '7') {
            throw new ParseException("'" + segment + "' is not a channel number 0..7", pathOrUrl.length() - path.length() + 1);
        }
        return new GrandstreamChannel(segment.charAt(0) - '0');
    }

    /**
     * The path of a request URI: {@code pathOrUrl} without its {@code scheme://authority} and its query
     * string ({@code rtsp://host:554/0/trackID=1?x} gives {@code /0/trackID=1}); empty when a URL has no path.
     */
    public static String requestPath(String pathOrUrl) {
        String path = pathOrUrl;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    @Override
    public String toString() {
        return "channel " + number + " (input " + input() + ", " + (isPrimary() ? "primary" : "secondary") + ")";
    }
}
