package io.gscam.protocol.rtsp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTSP response (RFC 2326 section 7). Immutable. The constructor validates every part and sets
 * Content-Length from the body (see {@link RtspMessage}).
 *
 * @param version    the RTSP version, normally {@link RtspMessage#RTSP_1_0}
 * @param statusCode three digits, 100..999
 * @param reason     the reason phrase as the peer wrote it (trimmed), possibly empty
 * @param headers    the header fields
 * @param body       the message body, empty when there is none
 */
public record RtspResponse(String version, int statusCode, String reason, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public RtspResponse {
        RtspSyntax.requireVersion(version);
        if (statusCode < 100 || statusCode > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + statusCode);
        }
        reason = RtspSyntax.requireReason(reason);
        Objects.requireNonNull(headers, "headers");
        body = RtspWire.copyOfBody(body);
        headers = RtspWire.withContentLength(headers, body.length);
    }

    /** An RTSP/1.0 response with the status's standard phrase and no body. */
    public static RtspResponse of(RtspStatus status, RtspHeaders headers) {
        return new RtspResponse(RTSP_1_0, status.code(), status.reason(), headers, RtspWire.NO_BODY);
    }

    public static Builder builder(RtspStatus status) {
        return new Builder(status.code(), status.reason());
    }

    public Builder toBuilder() {
        return new Builder(statusCode, reason).version(version).headers(headers).body(body);
    }

    /** Code and phrase as one value (the phrase as received, not necessarily the RFC's). */
    public RtspStatus status() {
        return new RtspStatus(statusCode, reason);
    }

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
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
        String statusLine = reason.isEmpty() ? version + ' ' + statusCode : version + ' ' + statusCode + ' ' + reason;
        return RtspWire.write(statusLine, headers, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspResponse r && statusCode == r.statusCode && version.equals(r.version)
                && reason.equals(r.reason) && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, statusCode, reason, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RtspResponse[" + version + ' ' + statusCode + ' ' + reason + ", " + headers
                + RtspWire.describeBody(body) + ']';
    }

    /** Builds a response; header methods follow {@link RtspHeaders.Builder}. */
    public static final class Builder extends RtspMessageBuilder<Builder, RtspResponse> {
        private Builder(int statusCode, String reason) {
            super((version, headers, body) -> new RtspResponse(version, statusCode, reason, headers, body));
        }
    }
}
