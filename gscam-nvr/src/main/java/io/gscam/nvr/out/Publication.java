package io.gscam.nvr.out;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One MQTT message to send with QoS 1: topic, payload bytes and the retain flag. */
public record Publication(String topic, byte[] payload, boolean retained) {
    public Publication {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    public static Publication of(String topic, String payload, boolean retained) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Publication{" + topic + (retained ? " retained" : "") + " " + payload.length + " bytes}";
    }
}
