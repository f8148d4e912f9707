package io.gscam.camera.http;

import java.util.Optional;

/**
 * The JPEG picture of a channel for {@code GET /snapshot/view<N>.jpg}. May take a few milliseconds
 * of CPU (an encode); the HTTP server calls it off its event loops.
 */
@FunctionalInterface
public interface SnapshotSource {
    /** A JPEG of {@code channel} now, or empty when the camera has no such channel. */
    Optional<byte[]> jpeg(int channel);

    /** This source's picture, or {@code fallback}'s for a channel this one has none for. */
    default SnapshotSource orElse(SnapshotSource fallback) {
        java.util.Objects.requireNonNull(fallback, "fallback");
        return channel -> {
            Optional<byte[]> own = jpeg(channel);
            return own.isPresent() ? own : fallback.jpeg(channel);
        };
    }
}
