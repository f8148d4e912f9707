package io.gscam.nvr.config;

import io.gscam.client.Transport;
import io.gscam.server.limits.ConnectionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final String FULL = """
            data: /var/lib/gscam
            http: {port: 8081, user: boss, password: s3cret}
            rtsp: {port: 9554}
            storage: {maxBytes: 50GB, minFreeBytes: 2GiB}
            cameras:
              front:
                url: rtsp://admin:hunter2@192.168.1.10:554/0
                transport: udp
                record: events
                retain: 7d
                maxBytes: 10GB
                preRoll: 5s
                postRoll: 10s
                alarms: 2
              back:
                url: rtsp://192.168.1.11/0
                alarms: none
            mqtt: {url: tcp://127.0.0.1:1883, topicPrefix: gscam, homeAssistant: true}
            webhooks: [{url: http://127.0.0.1:9000/hook}]
            """;

    @Test
    void everyKeyIsRead() throws Exception {
        NvrConfig c = ConfigLoader.parse(FULL, "nvr.yaml");
        assertThat(c.data()).isEqualTo(Path.of("/var/lib/gscam"));
        assertThat(c.http()).isEqualTo(new NvrConfig.Http(8081, "boss", "s3cret"));
        assertThat(c.rtsp().port()).isEqualTo(9554);
        assertThat(c.storage()).isEqualTo(new NvrConfig.Storage(50_000_000_000L, 2L << 30));
        CameraSettings front = c.camera("front");
        assertThat(front.transport()).isEqualTo(Transport.UDP);
        assertThat(front.record()).isEqualTo(RecordMode.EVENTS);
        assertThat(front.retain()).isEqualTo(Duration.ofDays(7));
        assertThat(front.maxBytes()).isEqualTo(10_000_000_000L);
        assertThat(front.preRoll()).isEqualTo(Duration.ofSeconds(5));
        assertThat(front.postRoll()).isEqualTo(Duration.ofSeconds(10));
        assertThat(front.alarms()).isEqualTo(OptionalInt.of(2));
        assertThat(front.url().password()).contains("hunter2");
        assertThat(front.toString()).doesNotContain("hunter2");
        assertThat(c.camera("back").alarms()).isEmpty();
        assertThat(c.camera("back").record()).isEqualTo(RecordMode.CONTINUOUS);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("gscam");
        assertThat(c.webhooks()).containsExactly(new NvrConfig.Webhook("http://127.0.0.1:9000/hook"));
    }

    @Test
    void mqttAndWebhookKeysHaveDefaultsAndAreRead() throws Exception {
        NvrConfig c = ConfigLoader.parse("""
                mqtt:
                  url: ssl://broker.lan:8883
                  topicPrefix: home/gscam
                  homeAssistant: false
                  user: nvr
                  password: mq-pass
                  ca: /etc/gscam/ca.pem
                  queue: 500
                webhooks:
                  - url: https://hooks.lan/gscam
                    secret: hook-key
                  - url: http://127.0.0.1:9000/hook
                """, "nvr.yaml");
        assertThat(c.mqtt()).isEqualTo(new NvrConfig.Mqtt("ssl://broker.lan:8883", "home/gscam", false, "nvr", "mq-pass",
                Path.of("/etc/gscam/ca.pem"), 500));
        assertThat(c.mqtt().toString()).doesNotContain("mq-pass");
        assertThat(c.webhooks()).containsExactly(new NvrConfig.Webhook("https://hooks.lan/gscam", "hook-key"),
                new NvrConfig.Webhook("http://127.0.0.1:9000/hook", null));
        assertThat(c.webhooks().get(0).toString()).doesNotContain("hook-key");

        NvrConfig d = ConfigLoader.parse("mqtt: {}\n", "nvr.yaml");
        assertThat(d.mqtt()).isEqualTo(new NvrConfig.Mqtt("tcp://127.0.0.1:1883", "gscam", true, null, null, null,
                NvrConfig.Mqtt.DEFAULT_QUEUE));
        assertThat(ConfigLoader.parse("", "nvr.yaml").mqtt()).as("no mqtt: no MQTT output").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mqtt bad scheme     | mqtt:\\n  url: http://h:1883                      | nvr.yaml line 2: mqtt.url: the scheme is not tcp, mqtt, ssl, tls or mqtts
            mqtt bad queue      | mqtt:\\n  url: tcp://h\\n  queue: lots             | nvr.yaml line 3: mqtt.queue: "lots" is not a message count
            mqtt zero queue     | mqtt:\\n  queue: 0                                 | nvr.yaml line 2: mqtt.queue: "0" is not a message count
            mqtt ca without tls | mqtt:\\n  url: tcp://h\\n  ca: /ca.pem            | nvr.yaml line 3: mqtt.ca: needs a TLS url
            mqtt bad prefix     | mqtt:\\n  topicPrefix: gscam/#                     | nvr.yaml line 2: mqtt.topicPrefix: "gscam/#" is not a topic prefix
            mqtt password alone | mqtt:\\n  password: pw                             | nvr.yaml line 2: mqtt.password: needs mqtt.user
            mqtt unknown key    | mqtt:\\n  host: h                                  | nvr.yaml line 2: mqtt.host: unknown key
            webhook bad url     | webhooks:\\n  - url: ftp://h/x                       | nvr.yaml line 2: webhooks[0].url: is not an http:// or https:// URL
            webhook bad secret  | webhooks:\\n  - url: http://h/x\\n    secret:         | nvr.yaml line 3: webhooks[0].secret: needs a value
            """)
    void badMqttAndWebhookKeysAreRefusedWithTheKeyAndLine(String what, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "nvr.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void everythingButTheUrlHasADefault() throws Exception {
        NvrConfig c = ConfigLoader.parse("cameras:\n  cam:\n    url: rtsp://10.0.0.5/0\n", "nvr.yaml");
        assertThat(c.data()).isEqualTo(NvrConfig.DEFAULT_DATA);
        assertThat(c.http()).isEqualTo(new NvrConfig.Http(8080, "admin", "admin"));
        assertThat(c.rtsp().port()).isEqualTo(8554);
        assertThat(c.storage()).isEqualTo(new NvrConfig.Storage(50_000_000_000L, 2_000_000_000L));
        assertThat(c.camera("cam")).isEqualTo(CameraSettings.of("cam", c.camera("cam").url()));
        assertThat(ConfigLoader.parse("", "nvr.yaml").cameras()).isEmpty();
        assertThat(c.limits()).isEqualTo(ConnectionLimits.DEFAULT);
    }

    @Test
    void limitsAreTheHttpAndRelayConnectionTimeouts() throws Exception {
        NvrConfig c = ConfigLoader.parse("limits: {headerTimeout: 3s, idleTimeout: 2m}\n", "nvr.yaml");
        assertThat(c.limits()).isEqualTo(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMinutes(2)));
        assertThat(ConfigLoader.parse("limits:\n  idleTimeout: 90s\n", "nvr.yaml").limits())
                .isEqualTo(new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(90)));
    }

    /** Each bad file, and the one line it is refused with: the key and the line it is on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key    | datta: x                                                    | nvr.yaml line 1: datta: unknown key
            unknown nested key | http:\\n  port: 1\\n  usr: a                                | nvr.yaml line 3: http.usr: unknown key
            unknown camera key | cameras:\\n  a:\\n    url: rtsp://h/0\\n    retian: 7d       | nvr.yaml line 4: cameras.a.retian: unknown key
            camera without url | cameras:\\n  a:\\n    record: events                        | nvr.yaml line 3: cameras.a.url: is required
            bad duration       | cameras:\\n  a:\\n    url: rtsp://h/0\\n    retain: 7x       | nvr.yaml line 4: cameras.a.retain: "7x" is not a duration
            bad duration unit  | cameras:\\n  a:\\n    url: rtsp://h/0\\n    preRoll: 5 sec   | nvr.yaml line 4: cameras.a.preRoll: "5 sec" is not a duration
            bad size           | storage:\\n  maxBytes: 10 GBs                              | nvr.yaml line 2: storage.maxBytes: "10 GBs" is not a size
            bad camera size    | cameras:\\n  a:\\n    url: rtsp://h/0\\n    maxBytes: lots   | nvr.yaml line 4: cameras.a.maxBytes: "lots" is not a size
            bad port           | http: {port: 70000}                                         | nvr.yaml line 1: http.port: "70000" is not a port
            bad record         | cameras:\\n  a:\\n    url: rtsp://h/0\\n    record: always   | nvr.yaml line 4: cameras.a.record: "always" is not continuous, events or off
            bad alarms         | cameras:\\n  a:\\n    url: rtsp://h/0\\n    alarms: door     | nvr.yaml line 4: cameras.a.alarms: "door" is not a channel
            bad transport      | cameras:\\n  a:\\n    url: rtsp://h/0\\n    transport: sctp  | nvr.yaml line 4: cameras.a.transport: "sctp" is not tcp, udp or auto
            bad url            | cameras:\\n  a:\\n    url: http://u:pw@h/0                  | nvr.yaml line 3: cameras.a.url: is not an rtsp://
            webhook no url     | webhooks:\\n  - {uri: x}                                    | nvr.yaml line 2: webhooks[0].uri: unknown key
            zero timeout       | limits:\\n  headerTimeout: 0s                            | nvr.yaml line 2: limits.headerTimeout: must be more than 0
            bad timeout        | limits: {idleTimeout: soon}                                 | nvr.yaml line 1: limits.idleTimeout: "soon" is not a duration
            unknown limit      | limits: {bodyTimeout: 1s}                                   | nvr.yaml line 1: limits.bodyTimeout: unknown key
            not yaml           | cameras: [a                                                 | nvr.yaml line
            """)
    void badFilesAreRefusedWithTheKeyAndLine(String what, String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "nvr.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("pw@"));
    }

    @Test
    void unitsReadEveryForm() {
        assertThat(Units.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Units.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Units.duration("7")).isNull();
        assertThat(Units.size("20MB")).isEqualTo(20_000_000L);
        assertThat(Units.size("1KiB")).isEqualTo(1024L);
        assertThat(Units.size("123")).isEqualTo(123L);
        assertThat(Units.size("99999999999TB")).isEqualTo(-1L);
        assertThat(Units.size("-5GB")).isEqualTo(-1L);
    }
}
