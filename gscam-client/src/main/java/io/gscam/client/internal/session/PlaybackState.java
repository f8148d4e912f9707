package io.gscam.client.internal.session;

/** Where one RTSP session ({@link RtspPlayback}) stands; each step checks it before acting. */
enum PlaybackState {
    INIT, CONNECTING, OPTIONS, DESCRIBE, SETUP, PLAY, PLAYING, TEARDOWN, CLOSED
}
