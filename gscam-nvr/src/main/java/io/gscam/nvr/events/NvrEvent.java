package io.gscam.nvr.events;

import io.gscam.client.CameraState;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordedEvent;
import io.gscam.nvr.index.Segment;

import java.time.Instant;

/** What the NVR tells its in-process subscribers (dashboard, MQTT, webhooks) through the {@link EventBus}. */
public sealed interface NvrEvent {
    String camera();

    /** A camera's session changed state (CONNECTING, PLAYING, RECONNECTING, ...); the reason holds no credentials. */
    record CameraStatus(String camera, CameraState state, String reason, Instant time) implements NvrEvent {
    }

    /** One alarm message from the camera's MCTP connection, as it came. */
    record Alarm(String camera, int channel, String source, Instant time) implements NvrEvent {
    }

    /** An alarm burst began; {@code clip} is the {@code /get} URL path of pre-roll to post-roll (it grows as the burst goes on). */
    record EventStarted(String camera, RecordedEvent event, String clip) implements NvrEvent {
    }

    /** An alarm burst ended: {@code postRoll} passed after its last alarm. */
    record EventEnded(String camera, RecordedEvent event, String clip) implements NvrEvent {
    }

    /** A segment is on disk and indexed. */
    record SegmentWritten(String camera, Segment segment) implements NvrEvent {
    }

    /** A gap was recorded. */
    record GapRecorded(String camera, Gap gap) implements NvrEvent {
    }
}
