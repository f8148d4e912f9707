/**
 * RTSP 1.0 (RFC 2326) messages as immutable values, their serialisation, and
 * {@link io.gscam.protocol.rtsp.RtspMessageDecoder}, the one incremental decoder that turns a TCP byte
 * stream into RTSP messages and {@code $}-interleaved binary frames in the order they arrived.
 *
 * <p>No I/O lives here: the camera and the client wrap the decoder in their own transport.
 */
package io.gscam.protocol.rtsp;
