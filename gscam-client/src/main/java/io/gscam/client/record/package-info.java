/**
 * Recording a camera session to a file without re-encoding: {@link io.gscam.client.record.Recorder}
 * is a {@link io.gscam.client.CameraListener} that writes Matroska (.mkv, every track) or fragmented
 * MP4 (.mp4) as frames arrive, each cluster or fragment handed to the OS when complete (at each
 * keyframe, at least every second), so a killed process leaves a playable file that lacks at most
 * about the last second. A reconnect with the same tracks continues the same file; changed tracks
 * start the next part ({@link io.gscam.client.record.RecordingTarget#partFile}).
 */
package io.gscam.client.record;
