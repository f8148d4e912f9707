package io.gscam.nvr.out;

import java.nio.charset.StandardCharsets;

/** One MQTT message a subscription received: topic, payload and whether the broker sent it as retained. */
public record Received(String topic, byte[] payload, boolean retained) {
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
