package io.gscam.client;

import java.time.Duration;
import java.util.Optional;

/**
 * One camera stream kept open: connected, playing, kept alive and reconnected until {@link #close()}.
 * Made by {@link GsCamClient#open(CameraOptions)} (events through {@link #take(Duration)}) or
 * {@link GsCamClient#open(CameraOptions, CameraListener)} (events through the listener). Thread
 * safe. Opening never blocks: the session connects in the background; use
 * {@link #awaitPlaying(Duration)} to wait for it.
 * <pre>{@code
 * try (GsCamClient client = GsCamClient.create();
 *      CameraSession camera = client.open(CameraOptions.builder("rtsp://admin:admin@10.0.0.5:554/0").build())) {
 *     StreamInfo info = camera.awaitPlaying(Duration.ofSeconds(10));
 *     while (true) {
 *         CameraEvent event = camera.take(Duration.ofSeconds(1));
 *         if (event instanceof VideoFrame frame) { ... }
 *     }
 * }
 * }</pre>
 */
public interface CameraSession extends AutoCloseable {
    CameraOptions options();

    CameraState state();

    /** The stream info of the current (or last) connection, once DESCRIBE and PLAY succeeded. */
    Optional<StreamInfo> streamInfo();

    CameraStatistics statistics();

    /**
     * Waits until the session plays and returns what it plays; while RECONNECTING it waits for the
     * next PLAYING rather than returning the stream info of the connection that was lost.
     *
     * @throws CameraException the error that made the session FAILED, {@link CameraException.Kind#TIMEOUT}
     *                         when it is not playing within {@code timeout}, or CONNECTION_LOST when it was closed
     */
    StreamInfo awaitPlaying(Duration timeout) throws CameraException, InterruptedException;

    /**
     * The next event, waiting up to {@code timeout}; null when none came. After CLOSED or FAILED has
     * been taken, returns null at once. Only for sessions opened without a listener.
     *
     * @throws IllegalStateException when the session was opened with a listener
     */
    CameraEvent take(Duration timeout) throws InterruptedException;

    /** Tears the session down (TEARDOWN, sent without waiting long) and closes its connections. Idempotent. */
    @Override
    void close();
}
