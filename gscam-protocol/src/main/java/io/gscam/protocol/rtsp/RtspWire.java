package io.gscam.protocol.rtsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Serialisation and the Content-Length rule, shared by requests and responses. */
final class RtspWire {
    /** The body of a message without one (shared; never modified). */
    static final byte[] NO_BODY = new byte[0];
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};

    private RtspWire() {
    }

    /** A copy of {@code body} for an immutable message: {@link #NO_BODY} when null or empty. */
    static byte[] copyOfBody(byte[] body) {
        return body == null || body.length == 0 ? NO_BODY : body.clone();
    }

    /**
     * Makes Content-Length state the body length whenever there is a body or the header is present
     * (then keeping its position and its spelling, {@code Content-length} stays so). A message without
     * body and without the header is left alone: RFC 2326 section 12.14 reads that as length zero.
     */
    static RtspHeaders withContentLength(RtspHeaders headers, int bodyLength) {
        String length = Integer.toString(bodyLength);
        String spelling = null;
        int count = 0;
        for (RtspHeader f : headers) {
            if (f.hasName(RtspHeaderNames.CONTENT_LENGTH)) {
                if (spelling == null) {
                    spelling = f.name();
                }
                count++;
            }
        }
        if (spelling == null) {
            return bodyLength == 0 ? headers
                    : headers.toBuilder().add(RtspHeaderNames.CONTENT_LENGTH, length).build();
        }
        if (count == 1 && headers.get(spelling).orElseThrow().equals(length)) {
            return headers;
        }
        return headers.toBuilder().set(spelling, length).build();
    }

    static byte[] write(String startLine, RtspHeaders headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        out.writeBytes(startLine.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
        for (RtspHeader f : headers) {
            out.writeBytes(f.name().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(COLON_SPACE);
            out.writeBytes(f.value().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static String describeBody(byte[] body) {
        return body.length == 0 ? "" : ", body=" + body.length + " bytes";
    }
}
