package io.gscam.server.stream;

import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request URL names as a stream: the path after {@code host:port}, percent-decoded, without
 * the query, the leading and trailing {@code /} and a {@code trackID=<n>} segment. The Grandstream
 * form is a channel number ({@code rtsp://host:554/0} names {@code "0"}, {@link #channel()} 0);
 * other servers on the engine name streams by any path ({@code rtsp://nvr:8554/front} names
 * {@code "front"}, the NVR's relay of camera {@code front}).
 *
 * @param value the decoded path, never empty
 */
public record StreamPath(String value) {
    public StreamPath {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty stream path");
        }
    }

    public static StreamPath of(String value) {
        return new StreamPath(value);
    }

    /** The path of a Grandstream channel: {@code "0"} .. {@code "7"}. */
    public static StreamPath of(GrandstreamChannel channel) {
        return new StreamPath(Integer.toString(channel.number()));
    }

    /** The channel when the path is the Grandstream form, one digit 0..7; empty for any other path. */
    public Optional<GrandstreamChannel> channel() {
        if (value.length() != 1 || value.charAt(0) < '0' || value.charAt(0) > '7') {
            return Optional.empty();
        }
        return Optional.of(GrandstreamChannel.of(value.charAt(0) - '0'));
    }

    /**
     * The path as a URL writes it (without the leading {@code /}): each segment percent-encoded
     * where it holds anything but RFC 3986 unreserved characters, for Content-Base and RTP-Info.
     */
    public String toUrlPath() {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "/" + value;
    }
}
