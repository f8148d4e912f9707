package io.gscam.protocol.rtsp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTSP request (RFC 2326 section 6). Immutable. The constructor validates every part and sets
 * Content-Length from the body (see {@link RtspMessage}).
 *
 * @param method  the method; unknown methods are allowed (the server answers 501)
 * @param uri     the Request-URI as written, {@code *} or an absolute rtsp:// URL usually
 * @param version the RTSP version, normally {@link RtspMessage#RTSP_1_0}
 * @param headers the header fields
 * @param body    the message body, empty when there is none
 */
public record RtspRequest(RtspMethod method, String uri, String version, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public RtspRequest {
        Objects.requireNonNull(method, "method");
        RtspSyntax.requireUri(uri);
        RtspSyntax.requireVersion(version);
        Objects.requireNonNull(headers, "headers");
        body = RtspWire.copyOfBody(body);
        headers = RtspWire.withContentLength(headers, body.length);
    }

    /** An RTSP/1.0 request without body. */
    public static RtspRequest of(RtspMethod method, String uri, RtspHeaders headers) {
        return new RtspRequest(method, uri, RTSP_1_0, headers, RtspWire.NO_BODY);
    }

    public static Builder builder(RtspMethod method, String uri) {
        return new Builder(method, uri);
    }

    public Builder toBuilder() {
        return new Builder(method, uri).version(version).headers(headers).body(body);
    }

    @Override
    public byte[] body() {
        return RtspWire.copyOfBody(body);
    }

    @Override
    public int bodyLength() {
        return body.length;
    }

    @Override
    public byte[] toBytes() {
        return RtspWire.write(method.name() + ' ' + uri + ' ' + version, headers, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspRequest r && method.equals(r.method) && uri.equals(r.uri)
                && version.equals(r.version) && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, version, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RtspRequest[" + method + ' ' + uri + ' ' + version + ", " + headers + RtspWire.describeBody(body) + ']';
    }

    /** Builds a request; header methods follow {@link RtspHeaders.Builder}. */
    public static final class Builder extends RtspMessageBuilder<Builder, RtspRequest> {
        private Builder(RtspMethod method, String uri) {
            super((version, headers, body) -> new RtspRequest(method, uri, version, headers, body));
        }
    }
}
