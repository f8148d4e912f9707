package io.gscam.protocol.rtsp;

/**
 * What one RTSP connection carries: RTSP messages and, between them, {@code $}-interleaved binary frames
 * (RFC 2326 section 10.12). {@link RtspMessageDecoder} yields these in arrival order.
 */
public sealed interface RtspFrame permits RtspMessage, InterleavedFrame {
    /** The frame as it goes on the wire. */
    byte[] toBytes();
}
