package io.gscam.client;

import io.gscam.protocol.Checks;

import java.time.Instant;

/**
 * An alarm the camera reported on the alarm connection ({@code CMD:ALARM MCTP/1.0 SC}, body
 * {@code @<channel>@<source>@<UTC time>}).
 *
 * @param channel  the video channel the alarm belongs to
 * @param source   {@code MOTION}, {@code INPUT1}..{@code INPUT4}, or what the camera sent
 * @param time     the camera's time of the alarm
 * @param rawText  the message as received, for logs and for cameras whose alarms say more
 */
public record AlarmEvent(int channel, String source, Instant time, String rawText) implements CameraEvent {
    public AlarmEvent {
        Checks.nonNull("source", source, "time", time, "rawText", rawText);
    }
}
