package io.gscam.camera.stream;

import io.gscam.camera.source.MediaSource;

/**
 * Opens the media source of one channel (built-in loop, file, live encoder), as the camera's
 * configuration says. Called when a channel's {@link LiveStream} starts, off the event loops; may
 * block briefly (opening a file, starting a process).
 */
@FunctionalInterface
public interface ChannelSourceFactory {
    MediaSource open(int channel) throws java.io.IOException;
}
