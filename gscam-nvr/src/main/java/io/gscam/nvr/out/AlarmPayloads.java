package io.gscam.nvr.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.index.RecordedEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of DESIGN.md's "The NVR" (MQTT paragraph), kept to exactly: the alarm
 * {@code {camera, channel, source, time, state}}, the event {@code {type, event: {id, camera, source,
 * start, end, clip}}} (also the webhook body), and Home Assistant's discovery configs. Times are
 * RFC 3339 UTC as the HTTP API writes them.
 */
public final class AlarmPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlarmPayloads() {
    }

    public static byte[] alarm(String camera, int channel, String source, Instant time, boolean on) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("camera", camera);
        m.put("channel", channel);
        m.put("source", source);
        m.put("time", time.toString());
        m.put("state", on ? "ON" : "OFF");
        return bytes(m);
    }

    /** {@code new} for {@link NvrEvent.EventStarted}, {@code end} for {@link NvrEvent.EventEnded}. */
    public static byte[] event(String type, RecordedEvent e, String clip) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("id", e.id());
        ev.put("camera", e.camera());
        ev.put("source", e.source());
        ev.put("start", e.start().toString());
        ev.put("end", e.end().toString());
        ev.put("clip", clip);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("event", ev);
        return bytes(m);
    }

    /** The object id of an entity: {@code gscam_<camera>_<what>}, {@code what} folded to [a-z0-9_]. */
    public static String objectId(String camera, String what) {
        return "gscam_" + camera + "_" + what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /**
     * A {@code binary_sensor} for one alarm source of a camera ({@code MOTION}: device class motion,
     * an input: safety). Every source shares the camera's alarm topic, so the template keeps the
     * messages of this source and renders nothing for the others (Home Assistant ignores those).
     */
    public static byte[] binarySensor(String prefix, String camera, String source, String model) {
        boolean motion = source.equalsIgnoreCase("MOTION");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", motion ? "Motion" : "Alarm " + source.toLowerCase(Locale.ROOT));
        m.put("unique_id", objectId(camera, source));
        m.put("object_id", objectId(camera, source));
        m.put("state_topic", prefix + "/" + camera + "/alarm");
        m.put("value_template", "{{ value_json.state if value_json.source == '" + source + "' else '' }}");
        m.put("payload_on", "ON");
        m.put("payload_off", "OFF");
        m.put("device_class", motion ? "motion" : "safety");
        m.put("availability", List.of(Map.of("topic", prefix + "/status"), Map.of("topic", prefix + "/" + camera + "/status")));
        m.put("availability_mode", "all");
        m.put("device", device(camera, model));
        return bytes(m);
    }

    /** A {@code sensor} showing the camera session's state (PLAYING, RECONNECTING, ...). */
    public static byte[] stateSensor(String prefix, String camera, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "State");
        m.put("unique_id", objectId(camera, "state"));
        m.put("object_id", objectId(camera, "state"));
        m.put("state_topic", prefix + "/" + camera + "/state");
        m.put("icon", "mdi:cctv");
        m.put("availability_topic", prefix + "/status");
        m.put("device", device(camera, model));
        return bytes(m);
    }

    private static Map<String, Object> device(String camera, String model) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("identifiers", List.of("gscam_" + camera));
        d.put("name", camera);
        d.put("manufacturer", "Grandstream");
        if (model != null) {
            d.put("model", model);
        }
        return d;
    }

    static Map<?, ?> parse(byte[] json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    private static byte[] bytes(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
