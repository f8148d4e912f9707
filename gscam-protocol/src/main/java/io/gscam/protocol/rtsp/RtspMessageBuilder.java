package io.gscam.protocol.rtsp;

/**
 * What {@link RtspRequest.Builder} and {@link RtspResponse.Builder} share: the version, the header
 * fields and the body. Header methods follow {@link RtspHeaders.Builder}.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 * @param <M> the message it builds
 */
public abstract sealed class RtspMessageBuilder<B extends RtspMessageBuilder<B, M>, M extends RtspMessage>
        permits RtspRequest.Builder, RtspResponse.Builder {
    /** Makes the message from the start line the concrete builder holds and the parts built here. */
    @FunctionalInterface
    interface Maker<M> {
        M make(String version, RtspHeaders headers, byte[] body);
    }

    private final Maker<M> maker;
    private String version = RtspMessage.RTSP_1_0;
    private RtspHeaders.Builder headers = RtspHeaders.builder();
    private byte[] body = RtspWire.NO_BODY;

    RtspMessageBuilder(Maker<M> maker) {
        this.maker = maker;
    }

    /** This builder as its concrete type ({@code B} is always the subclass: the class is sealed). */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B version(String version) {
        this.version = version;
        return self();
    }

    /** Sets {@code name} to this one value (replacing others of that name). */
    public B header(String name, String value) {
        headers.set(name, value);
        return self();
    }

    /** Appends a field, keeping others of that name. */
    public B addHeader(String name, String value) {
        headers.add(name, value);
        return self();
    }

    public B removeHeader(String name) {
        headers.remove(name);
        return self();
    }

    /** Replaces all headers. */
    public B headers(RtspHeaders all) {
        headers = all.toBuilder();
        return self();
    }

    /** The body; Content-Length follows it. */
    public B body(byte[] body) {
        this.body = body.clone();
        return self();
    }

    /** The body and its Content-Type. */
    public B body(String contentType, byte[] body) {
        headers.set(RtspHeaderNames.CONTENT_TYPE, contentType);
        return body(body);
    }

    public M build() {
        return maker.make(version, headers.build(), body);
    }
}
