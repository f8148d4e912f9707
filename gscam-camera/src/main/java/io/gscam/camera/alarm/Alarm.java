package io.gscam.camera.alarm;

import io.gscam.protocol.grandstream.GrandstreamChannel;
import io.gscam.protocol.mctp.MctpMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One alarm event of the camera: which channel (stream 0..7), what raised it, and when (UTC, to the
 * second, as the alarm message carries it).
 */
public record Alarm(int channel, AlarmSource source, Instant time) {
    public Alarm {
        if (channel < GrandstreamChannel.MIN || channel > GrandstreamChannel.MAX) {
            throw new IllegalArgumentException("alarm channel " + channel + " not in 0..7");
        }
        Objects.requireNonNull(source, "source");
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
    }

    /** The message sent to subscribers: {@code CMD:ALARM MCTP/1.0 SC\n@<channel>@<source>@<time>\nEND\n}. */
    public MctpMessage toMessage() {
        return MctpMessage.alarm(channel, source.name(), time);
    }
}
