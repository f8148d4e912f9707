package io.gscam.client;

/**
 * Everything a {@link CameraSession} delivers, as one type for {@link CameraSession#take(java.time.Duration)}.
 * Tell them apart with {@code instanceof}:
 * <pre>{@code
 * CameraEvent event = session.take(Duration.ofSeconds(1));
 * if (event instanceof VideoFrame v) { ... }
 * else if (event instanceof StateChange change && change.state().isFinal()) { ... }
 * }</pre>
 */
public sealed interface CameraEvent permits StateChange, StreamInfo, VideoFrame, AudioFrame, AlarmEvent, LossEvent {
}
