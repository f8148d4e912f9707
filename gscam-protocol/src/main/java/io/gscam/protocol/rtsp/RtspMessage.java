package io.gscam.protocol.rtsp;

import java.util.Optional;

/**
 * An RTSP request or response. Values are immutable; the body and its Content-Length always agree (the
 * constructors set Content-Length from the body), so {@code parse(toBytes())} gives back an equal value.
 */
public sealed interface RtspMessage extends RtspFrame permits RtspRequest, RtspResponse {
    /** The version every message gscam writes carries. */
    String RTSP_1_0 = "RTSP/1.0";

    /** The protocol version, {@code RTSP/1.0} unless a peer said otherwise. */
    String version();

    RtspHeaders headers();

    /** A copy of the body; empty when there is none. */
    byte[] body();

    /** Body length in bytes, without copying it. */
    int bodyLength();

    /** The first value of a header, ignoring the name's case. */
    default Optional<String> header(String name) {
        return headers().get(name);
    }
}
