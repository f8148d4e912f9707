package io.gscam.nvr.out;

import io.gscam.client.CameraState;
import io.gscam.nvr.events.NvrEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the NVR's events into MQTT messages (DESIGN.md, "The NVR"):
 * <ul>
 *   <li>{@code <prefix>/status}: the NVR's own {@code online}/{@code offline}, retained; the will says {@code offline};</li>
 *   <li>{@code <prefix>/<camera>/status}: {@code online} while the camera plays, else {@code offline}, retained;</li>
 *   <li>{@code <prefix>/<camera>/state}: the session's state name (the Home Assistant sensor), retained;</li>
 *   <li>{@code <prefix>/<camera>/alarm}: {@code ON} at every alarm, {@code OFF} for each source of the burst when its post-roll ends;</li>
 *   <li>{@code <prefix>/events}: {@code new}/{@code end};</li>
 *   <li>Home Assistant discovery, retained: per camera a motion {@code binary_sensor} and a state {@code sensor},
 *       a {@code binary_sensor} per alarm input as it is first seen; a camera no longer in the configuration
 *       gets empty retained configs, which remove its entities.</li>
 * </ul>
 * {@link #handle} runs on one thread (the dispatcher); the removal scan on the client's event loop.
 */
public final class MqttPublisher {
    static final String DISCOVERY = "homeassistant";

    private final MqttClient client;
    private final String prefix;
    private final boolean homeAssistant;
    private final Set<String> cameras;
    private final Function<String, Optional<String>> model;
    /** Per camera: the model announced in discovery, and the alarm sources announced. */
    private final Map<String, String> announcedModel = new HashMap<>();
    private final Map<String, Set<String>> announcedSources = new HashMap<>();
    /** Per camera: each (channel, source) that is ON, with the time of its last alarm. */
    private final Map<String, Map<Map.Entry<Integer, String>, Instant>> on = new HashMap<>();

    /**
     * @param model the camera's model (its Server header) once it is known
     */
    public MqttPublisher(MqttClient client, String prefix, boolean homeAssistant, List<String> cameras,
                         Function<String, Optional<String>> model) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = prefix;
        this.homeAssistant = homeAssistant;
        this.cameras = new LinkedHashSet<>(cameras);
        this.model = model;
    }

    /** The will the client must connect with: the NVR's status {@code offline}, retained. */
    public static Publication will(String prefix) {
        return Publication.of(prefix + "/status", "offline", true);
    }

    /** Announces the NVR and its cameras; call once, before any event. */
    public void start() {
        client.onConnect(() -> client.publishFirst(Publication.of(prefix + "/status", "online", true)));
        if (homeAssistant) {
            client.subscribe(DISCOVERY + "/+/+/config", this::discovered);
            for (String camera : cameras) {
                announce(camera);
            }
        }
    }

    /** Publishes what {@code e} means on MQTT. */
    public void handle(NvrEvent e) {
        if (e instanceof NvrEvent.CameraStatus s) {
            status(s);
        } else if (e instanceof NvrEvent.Alarm a) {
            alarm(a);
        } else if (e instanceof NvrEvent.EventStarted s) {
            client.publish(new Publication(prefix + "/events", AlarmPayloads.event("new", s.event(), s.clip()), false));
        } else if (e instanceof NvrEvent.EventEnded x) {
            ended(x);
        }
        // segments and gaps are not published
    }

    /** OFF for every (channel, source) whose last alarm fell in the ended burst; a later one belongs to the next. */
    private void ended(NvrEvent.EventEnded x) {
        Map<Map.Entry<Integer, String>, Instant> active = on.getOrDefault(x.camera(), new LinkedHashMap<>());
        if (active.isEmpty()) {
            active.put(Map.entry(x.event().channel(), x.event().source()), x.event().start());
        }
        for (Iterator<Map.Entry<Map.Entry<Integer, String>, Instant>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Map.Entry<Integer, String>, Instant> cs = it.next();
            if (!cs.getValue().truncatedTo(ChronoUnit.MILLIS).isAfter(x.event().end())) {
                it.remove();
                client.publish(new Publication(prefix + "/" + x.camera() + "/alarm", AlarmPayloads.alarm(x.camera(),
                        cs.getKey().getKey(), cs.getKey().getValue(), x.event().end(), false), false));
            }
        }
        client.publish(new Publication(prefix + "/events", AlarmPayloads.event("end", x.event(), x.clip()), false));
    }

    /** Says every camera and the NVR are offline (a clean stop); the client then drains and disconnects. */
    public void stop() {
        for (String camera : cameras) {
            client.publish(Publication.of(prefix + "/" + camera + "/status", "offline", true));
        }
        client.publish(Publication.of(prefix + "/status", "offline", true));
    }

    private void status(NvrEvent.CameraStatus s) {
        if (homeAssistant && s.state() == CameraState.PLAYING) {
            String m = model.apply(s.camera()).orElse(null);
            if (m != null && !m.equals(announcedModel.get(s.camera()))) {
                announce(s.camera()); // the device now shows the camera's model
            }
        }
        client.publish(Publication.of(prefix + "/" + s.camera() + "/state", s.state().name(), true));
        client.publish(Publication.of(prefix + "/" + s.camera() + "/status",
                s.state() == CameraState.PLAYING ? "online" : "offline", true));
    }

    private void alarm(NvrEvent.Alarm a) {
        if (homeAssistant && announcedSources.computeIfAbsent(a.camera(), c -> new LinkedHashSet<>()).add(a.source())) {
            binarySensor(a.camera(), a.source());
        }
        on.computeIfAbsent(a.camera(), c -> new LinkedHashMap<>()).put(Map.entry(a.channel(), a.source()), a.time());
        client.publish(new Publication(prefix + "/" + a.camera() + "/alarm",
                AlarmPayloads.alarm(a.camera(), a.channel(), a.source(), a.time(), true), false));
    }

    private void announce(String camera) {
        String m = model.apply(camera).orElse(null);
        announcedModel.put(camera, m);
        Set<String> sources = announcedSources.computeIfAbsent(camera, c -> new LinkedHashSet<>());
        sources.add("MOTION");
        for (String source : sources) {
            binarySensor(camera, source);
        }
        client.publish(new Publication(DISCOVERY + "/sensor/" + AlarmPayloads.objectId(camera, "state") + "/config",
                AlarmPayloads.stateSensor(prefix, camera, m), true));
    }

    private void binarySensor(String camera, String source) {
        client.publish(new Publication(DISCOVERY + "/binary_sensor/" + AlarmPayloads.objectId(camera, source) + "/config",
                AlarmPayloads.binarySensor(prefix, camera, source, announcedModel.get(camera)), true));
    }

    /**
     * A retained discovery config on the broker: when it is ours (its state topic under our prefix,
     * its device {@code gscam_<camera>}) and the camera has left the configuration, clear it.
     */
    private void discovered(Received r) {
        if (!r.retained() || r.payload().length == 0) {
            return;
        }
        Map<?, ?> config = AlarmPayloads.parse(r.payload());
        String state = String.valueOf(config.get("state_topic"));
        if (!state.startsWith(prefix + "/") || !(config.get("device") instanceof Map<?, ?> device)
                || !(device.get("identifiers") instanceof List<?> ids) || ids.isEmpty()) {
            return;
        }
        String id = String.valueOf(ids.get(0));
        if (id.startsWith("gscam_") && !cameras.contains(id.substring("gscam_".length()))) {
            client.publish(new Publication(r.topic(), new byte[0], true));
        }
    }
}
