package io.gscam.protocol.rtsp;

/**
 * One header field, its name spelled as the peer (or the caller) spelled it. The value is trimmed of
 * surrounding spaces and tabs, as the decoder trims what it reads.
 *
 * @param name  header name, for example {@code CSeq} or a camera's {@code Content-length}
 * @param value header value, possibly empty, never containing CR or LF
 */
public record RtspHeader(String name, String value) {
    public RtspHeader {
        RtspSyntax.requireHeaderName(name);
        value = RtspSyntax.requireHeaderValue(name, value);
    }

    /** Whether this field is named {@code otherName}, ignoring ASCII case. */
    public boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
