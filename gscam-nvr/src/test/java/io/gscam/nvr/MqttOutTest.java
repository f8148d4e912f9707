package io.gscam.nvr;

import io.gscam.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.index.RecordedEvent;
import io.gscam.nvr.out.AlarmsOut;
import io.gscam.nvr.out.Received;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** MQTT out against a real mosquitto, driven through the event bus; a separate client subscribes. */
class MqttOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "GrandStream Rtsp Server 1280*720*25*2048";

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(Mosquitto.installed(), Mosquitto.MISSING);
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closing.add(c);
        return c;
    }

    private static NvrConfig config(String brokerUrl, int queue, String... cameras) {
        return NvrConfig.defaults().withCameras(Arrays.stream(cameras)
                        .map(c -> CameraSettings.of(c, CameraUrl.parse("rtsp://127.0.0.1/0"))).toList())
                .withMqtt(new NvrConfig.Mqtt(brokerUrl, "gscam", true, null, null, null, queue));
    }

    private AlarmsOut start(NvrConfig config, EventBus bus) throws Exception {
        return closeLater(AlarmsOut.start(config, bus, group, Clock.systemUTC(), c -> Optional.of(MODEL),
                AlarmsOut.Tuning.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))));
    }

    private static JsonNode json(Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    @Test
    void topicsPayloadsAndRetainedFlagsAreDesignMd() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, false)).start();
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/#"));
        EventBus bus = new EventBus();
        AlarmsOut out = start(config(broker.url(), 100, "front", "back"), bus);

        Instant t = Instant.parse("2026-01-05T10:20:03.120Z");
        bus.publish(new NvrEvent.CameraStatus("front", CameraState.PLAYING, "", t));
        bus.publish(new NvrEvent.Alarm("front", 1, "MOTION", t));
        RecordedEvent ev = new RecordedEvent(42, "front", 1, "MOTION", t, t.plusSeconds(10));
        bus.publish(new NvrEvent.EventStarted("front", ev, "/get?camera=front&start=2026-01-05T10:19:58.120Z&duration=15.0"));
        bus.publish(new NvrEvent.EventEnded("front", ev, "/get?camera=front&start=2026-01-05T10:19:58.120Z&duration=15.0"));

        Await.result(Duration.ofSeconds(10), "ON and OFF on gscam/front/alarm", () -> live.on("gscam/front/alarm").size() >= 2);
        JsonNode on = json(live.on("gscam/front/alarm").get(0));
        assertThat(on.toString()).isEqualTo(
                "{\"camera\":\"front\",\"channel\":1,\"source\":\"MOTION\",\"time\":\"2026-01-05T10:20:03.120Z\",\"state\":\"ON\"}");
        JsonNode off = json(live.on("gscam/front/alarm").get(1));
        assertThat(off.get("state").asText()).isEqualTo("OFF");
        assertThat(off.get("time").asText()).as("OFF when the post-roll ends").isEqualTo("2026-01-05T10:20:13.120Z");
        assertThat(live.on("gscam/front/alarm")).allSatisfy(r -> assertThat(r.retained()).isFalse());

        Await.result(Duration.ofSeconds(10), "new and end on gscam/events", () -> live.on("gscam/events").size() >= 2);
        assertThat(json(live.on("gscam/events").get(0)).toString()).isEqualTo("{\"type\":\"new\",\"event\":{\"id\":42,"
                + "\"camera\":\"front\",\"source\":\"MOTION\",\"start\":\"2026-01-05T10:20:03.120Z\",\"end\":\"2026-01-05T10:20:13.120Z\","
                + "\"clip\":\"/get?camera=front&start=2026-01-05T10:19:58.120Z&duration=15.0\"}}");
        assertThat(json(live.on("gscam/events").get(1)).get("type").asText()).isEqualTo("end");

        // a subscriber that comes later sees the retained ones: statuses, state, discovery; no alarm
        Await.result(Duration.ofSeconds(10), "everything acknowledged", () -> out.mqtt().orElseThrow().queued() == 0);
        MqttSubscriber late = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/#", "homeassistant/#"));
        assertThat(late.first("gscam/status").text()).isEqualTo("online");
        assertThat(late.first("gscam/front/status").text()).isEqualTo("online");
        assertThat(late.first("gscam/front/state").text()).isEqualTo("PLAYING");
        Received motion = late.first("homeassistant/binary_sensor/gscam_front_motion/config");
        Received state = late.first("homeassistant/sensor/gscam_front_state/config");
        late.first("homeassistant/binary_sensor/gscam_back_motion/config");
        assertThat(late.received()).allSatisfy(r -> assertThat(r.retained()).as(r.topic()).isTrue());
        assertThat(late.on("gscam/front/alarm")).isEmpty();
        assertThat(late.on("gscam/events")).isEmpty();

        JsonNode m = json(motion);
        assertThat(m.get("device_class").asText()).isEqualTo("motion");
        assertThat(m.get("state_topic").asText()).isEqualTo("gscam/front/alarm");
        assertThat(m.get("unique_id").asText()).isEqualTo("gscam_front_motion");
        assertThat(m.get("payload_on").asText()).isEqualTo("ON");
        assertThat(m.get("value_template").asText()).contains("value_json.state").contains("'MOTION'");
        assertThat(m.get("availability").toString()).contains("gscam/status").contains("gscam/front/status");
        assertThat(m.get("device").get("identifiers").get(0).asText()).isEqualTo("gscam_front");
        assertThat(m.get("device").get("model").asText()).isEqualTo(MODEL);
        JsonNode s = json(state);
        assertThat(s.get("state_topic").asText()).isEqualTo("gscam/front/state");
        assertThat(s.get("device").get("identifiers").get(0).asText()).isEqualTo("gscam_front");
    }

    @Test
    void anAlarmInputGetsItsOwnSafetySensorAndEachSourceGoesOff() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, false)).start();
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/#", "homeassistant/#"));
        EventBus bus = new EventBus();
        start(config(broker.url(), 100, "front"), bus);
        Instant t = Instant.parse("2026-01-05T10:20:03.120Z");
        bus.publish(new NvrEvent.Alarm("front", 0, "INPUT2", t));
        bus.publish(new NvrEvent.Alarm("front", 0, "MOTION", t.plusSeconds(1)));
        RecordedEvent ev = new RecordedEvent(7, "front", 0, "INPUT2", t, t.plusSeconds(11));
        bus.publish(new NvrEvent.EventEnded("front", ev, "/get"));

        JsonNode input = json(live.first("homeassistant/binary_sensor/gscam_front_input2/config"));
        assertThat(input.get("device_class").asText()).isEqualTo("safety");
        assertThat(input.get("value_template").asText()).contains("'INPUT2'");
        Await.result(Duration.ofSeconds(10), "two ON, two OFF", () -> live.on("gscam/front/alarm").size() >= 4);
        List<String> seen = new ArrayList<>();
        for (Received r : live.on("gscam/front/alarm")) {
            seen.add(json(r).get("source").asText() + " " + json(r).get("state").asText());
        }
        assertThat(seen).containsExactly("INPUT2 ON", "MOTION ON", "INPUT2 OFF", "MOTION OFF");
    }

    @Test
    void aCrashLeavesTheWillOfflineAndACleanStopSaysOffline() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, false)).start();
        EventBus bus = new EventBus();
        AlarmsOut crashing = AlarmsOut.start(config(broker.url(), 100, "front"), bus, group, Clock.systemUTC(),
                c -> Optional.empty(), AlarmsOut.Tuning.defaults());
        bus.publish(new NvrEvent.CameraStatus("front", CameraState.PLAYING, "", Instant.now()));
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/status", "gscam/front/status"));
        Await.result(Duration.ofSeconds(10), "online", () -> live.on("gscam/status").stream().anyMatch(r -> r.text().equals("online"))
                && live.on("gscam/front/status").stream().anyMatch(r -> r.text().equals("online")));
        crashing.abort();
        Await.result(Duration.ofSeconds(10), "the will: gscam/status offline",
                () -> live.on("gscam/status").stream().anyMatch(r -> r.text().equals("offline")));
        MqttSubscriber late = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/status"));
        Received will = late.first("gscam/status");
        assertThat(will.text()).isEqualTo("offline");
        assertThat(will.retained()).isTrue();

        // a clean stop: every camera and the NVR say offline, and nothing is left unacknowledged
        AlarmsOut clean = AlarmsOut.start(config(broker.url(), 100, "front"), bus, group, Clock.systemUTC(),
                c -> Optional.empty(), AlarmsOut.Tuning.defaults());
        bus.publish(new NvrEvent.CameraStatus("front", CameraState.PLAYING, "", Instant.now()));
        Await.result(Duration.ofSeconds(10), "online again (NVR status, camera state and status)",
                () -> clean.mqtt().orElseThrow().delivered() >= 3 && clean.mqtt().orElseThrow().queued() == 0);
        clean.close();
        assertThat(clean.mqtt().orElseThrow().queued()).isZero();
        MqttSubscriber after = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/status", "gscam/front/status"));
        assertThat(after.first("gscam/status").text()).isEqualTo("offline");
        assertThat(after.first("gscam/front/status").text()).isEqualTo("offline");
    }

    @Test
    void aCameraThatLeftTheConfigLosesItsDiscovery() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, false)).start();
        EventBus bus = new EventBus();
        AlarmsOut before = AlarmsOut.start(config(broker.url(), 100, "front", "back"), bus, group, Clock.systemUTC(),
                c -> Optional.empty(), AlarmsOut.Tuning.defaults());
        bus.publish(new NvrEvent.Alarm("back", 0, "INPUT1", Instant.now()));
        Await.result(Duration.ofSeconds(10), "announced", () -> before.mqtt().orElseThrow().delivered() >= 6
                && before.mqtt().orElseThrow().queued() == 0);
        before.close();

        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), false, "homeassistant/#"));
        List<String> backTopics = List.of("homeassistant/binary_sensor/gscam_back_motion/config",
                "homeassistant/binary_sensor/gscam_back_input1/config", "homeassistant/sensor/gscam_back_state/config");
        for (String t : backTopics) {
            assertThat(live.first(t).payload()).as("retained before: " + t).isNotEmpty();
        }
        start(config(broker.url(), 100, "front"), new EventBus());
        Await.result(Duration.ofSeconds(10), "empty retained configs for back", () -> backTopics.stream()
                .allMatch(t -> live.on(t).stream().anyMatch(r -> r.payload().length == 0)));

        MqttSubscriber late = closeLater(new MqttSubscriber(group, broker.url(), false, "homeassistant/#"));
        late.first("homeassistant/binary_sensor/gscam_front_motion/config");
        late.first("homeassistant/sensor/gscam_front_state/config");
        assertThat(late.where(r -> r.topic().contains("gscam_back"))).as("back's configs are gone").isEmpty();
    }

    @Test
    void aWebhookReceiverThatNeverAnswersDelaysNeitherMqttNorAnotherReceiver() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, false)).start();
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), false, "gscam/events"));
        // the dead receiver accepts connections and never answers
        java.net.ServerSocket dead = closeLater(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(dead.accept());
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.start();
        closeLater(() -> {
            for (java.net.Socket sock : accepted) {
                sock.close();
            }
        });
        List<String> alive = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", x -> {
            alive.add(new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        closeLater(() -> receiver.stop(0));

        EventBus bus = new EventBus();
        NvrConfig config = config(broker.url(), 100, "front").withWebhooks(List.of(
                new NvrConfig.Webhook("http://127.0.0.1:" + dead.getLocalPort() + "/hook"),
                new NvrConfig.Webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
        AlarmsOut out = start(config, bus);
        Await.result(Duration.ofSeconds(10), "connected", () -> out.mqtt().orElseThrow().connected());
        Instant t = Instant.now();
        long begin = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            bus.publish(new NvrEvent.EventStarted("front", new RecordedEvent(i, "front", 0, "MOTION", t, t), "/get"));
        }
        Await.result(Duration.ofSeconds(5), "5 events on MQTT and at the live receiver",
                () -> live.on("gscam/events").size() == 5 && alive.size() == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("well within the dead receiver's 10 s timeout")
                .isLessThan(Duration.ofSeconds(5));
        Await.result(Duration.ofSeconds(5), "the dead receiver was called", () -> !accepted.isEmpty());
        assertThat(out.webhooks().get(0).delivered()).isZero();
        assertThat(alive).containsExactlyElementsOf(live.on("gscam/events").stream().map(Received::text).toList());
    }

    @Test
    void aBrokerDownForTenSecondsLosesNoAlarmAndKeepsTheirOrder() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, true)).start();
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), true, "gscam/front/alarm"));
        EventBus bus = new EventBus();
        AlarmsOut out = start(config(broker.url(), 10_000, "front"), bus);

        // an alarm every 50 ms (the sequence number as its channel), while the broker stops for 10 s
        int total = 300;
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> alarms = pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < total) {
                    bus.publish(new NvrEvent.Alarm("front", i, "MOTION", Instant.now()));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            Await.result(Duration.ofSeconds(10), "some alarms through", () -> live.received().size() >= 20);
            broker.stop();
            long down = System.nanoTime();
            Await.result(Duration.ofSeconds(20), "the NVR noticed", () -> !out.mqtt().orElseThrow().connected());
            // the outage: 10 s of alarms pile up in the NVR's queue (the deadline is the outage's length)
            Await.result(Duration.ofSeconds(15), "10 s down", () -> System.nanoTime() - down >= 10_000_000_000L);
            assertThat(out.mqtt().orElseThrow().queued()).as("alarms wait while the broker is away").isGreaterThan(100);
            broker.start();
            Await.result(Duration.ofSeconds(30), "all " + total + " alarms", () -> next.get() >= total
                    && distinct(live.received()).size() == total);
            alarms.cancel(false);
        } finally {
            pace.shutdownNow();
        }
        List<Integer> order = distinct(live.received());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(i);
        }
        assertThat(order).as("every alarm, first arrivals in order").isEqualTo(expected);
        assertThat(out.mqtt().orElseThrow().dropped()).isZero();
        assertThat(out.mqtt().orElseThrow().connects()).isGreaterThanOrEqualTo(2);
    }

    /** Channels in order of first arrival: QoS 1 may deliver one twice after a reconnect. */
    private static List<Integer> distinct(List<Received> received) throws Exception {
        List<Integer> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Received r : received) {
            int ch = json(r).get("channel").asInt();
            if (seen.add(ch)) {
                out.add(ch);
            }
        }
        return out;
    }

    @Test
    void pastTheBoundTheOldestAreDroppedAndCounted() throws Exception {
        Mosquitto broker = closeLater(new Mosquitto(dir, true)).start();
        MqttSubscriber live = closeLater(new MqttSubscriber(group, broker.url(), true, "gscam/front/alarm"));
        broker.stop();
        EventBus bus = new EventBus();
        // queue 8, no discovery: only the alarms queue (the NVR's online status goes first at connect)
        AlarmsOut out = start(NvrConfig.defaults().withCameras(List.of(CameraSettings.of("front", CameraUrl.parse("rtsp://127.0.0.1/0"))))
                .withMqtt(new NvrConfig.Mqtt(broker.url(), "gscam", false, null, null, null, 8)), bus);
        for (int i = 0; i < 20; i++) {
            bus.publish(new NvrEvent.Alarm("front", i, "MOTION", Instant.now()));
        }
        Await.result(Duration.ofSeconds(10), "12 dropped", () -> out.mqtt().orElseThrow().dropped() == 12);
        assertThat(out.mqtt().orElseThrow().queued()).isEqualTo(8);
        StringBuilder metrics = new StringBuilder();
        out.appendMetrics(metrics);
        assertThat(metrics.toString()).contains("gscam_mqtt_dropped_total 12\n").contains("gscam_mqtt_queued 8\n")
                .contains("gscam_mqtt_connected 0\n");

        broker.start();
        Await.result(Duration.ofSeconds(20), "the 8 newest", () -> live.received().size() >= 8);
        assertThat(distinct(live.received())).containsExactly(12, 13, 14, 15, 16, 17, 18, 19);
    }
}
