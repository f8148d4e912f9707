/**
 * The gscam client library: open a Grandstream (or any RFC 2326) camera and receive its video,
 * audio, alarms and state changes.
 *
 * <p>{@link io.gscam.client.GsCamClient} holds the I/O threads; {@link io.gscam.client.CameraOptions}
 * says what to open; {@link io.gscam.client.CameraSession} is one open stream, which delivers
 * {@link io.gscam.client.CameraEvent}s to a {@link io.gscam.client.CameraListener} or through
 * {@link io.gscam.client.CameraSession#take(java.time.Duration)}. Everything under
 * {@code io.gscam.client.internal} may change without notice.
 *
 * <h2>Codecs</h2>
 * Tracks are depacketized by the {@link io.gscam.media.rtp.PayloadFormats} registry, looked up by the
 * rtpmap encoding name (static payload types 0, 8, 26 ... by their RFC 3551 name). A track whose
 * codec the registry does not know is reported in {@link io.gscam.client.StreamInfo} with
 * {@code setUp == false} and is not set up, so the camera does not send it. G.726 is read with the
 * packing its rtpmap name declares, or, for a camera that mislabels it, the packing
 * {@link io.gscam.client.CameraOptions.Builder#g726Packing} names (for that session only).
 */
package io.gscam.client;
