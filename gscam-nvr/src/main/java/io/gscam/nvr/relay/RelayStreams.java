package io.gscam.nvr.relay;

import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamPath;
import io.gscam.server.stream.StreamProvider;
import io.gscam.server.stream.StreamUnavailableException;

import java.util.Map;
import java.util.Optional;

/**
 * The relay's stream provider: {@code rtsp://host:<rtsp port>/<camera>} names a configured camera
 * (404 for any other path); one that has not played yet, or whose tracks the relay cannot send,
 * answers 503 until it has.
 */
final class RelayStreams implements StreamProvider {
    private final Map<String, CameraRelay> cameras;

    RelayStreams(Map<String, CameraRelay> cameras) {
        this.cameras = Map.copyOf(cameras);
    }

    @Override
    public Optional<ServedStream> open(StreamPath path) throws StreamUnavailableException {
        CameraRelay camera = cameras.get(path.value());
        if (camera == null) {
            return Optional.empty();
        }
        RelayStream stream = camera.current();
        if (stream == null) {
            throw new StreamUnavailableException("camera " + camera.camera() + " has not played yet");
        }
        return Optional.of(stream.hold());
    }
}
