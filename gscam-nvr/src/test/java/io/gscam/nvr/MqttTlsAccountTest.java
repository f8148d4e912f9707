package io.gscam.nvr;

import io.gscam.testkit.Await;

import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.out.AlarmsOut;
import io.gscam.nvr.out.MqttClient;
import io.gscam.nvr.out.MqttEndpoint;
import io.gscam.nvr.out.Received;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** mqtt.url ssl://, mqtt.ca and mqtt.user/password against mosquitto with a TLS listener and a password file. */
class MqttTlsAccountTest {

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(dir.resolve("tool.log"))).isZero();
    }

    @Test
    void tlsWithTheConfiguredCaAndAccountConnectsAndAWrongPasswordDoesNot(@TempDir Path dir) throws Exception {
        assumeTrue(Mosquitto.installed(), Mosquitto.MISSING);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed: no certificates to test TLS with");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")), "mosquitto_passwd not installed");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=gscam test CA");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf");
        run(dir, "mosquitto_passwd", "-b", "-c", "passwords", "nvr", "mq-secret");

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Mosquitto broker = new Mosquitto(dir, false).withListenerConfig("allow_anonymous false\npassword_file "
                + dir.resolve("passwords") + "\ncafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("server.pem")
                + "\nkeyfile " + dir.resolve("server.key") + "\n").start()) {
            String url = "ssl://127.0.0.1:" + broker.port();
            List<Received> seen = new CopyOnWriteArrayList<>();
            MqttClient sub = MqttClient.start(group, MqttClient.Options.of(MqttEndpoint.parse(url), "tls-sub")
                    .withSsl(SslContextBuilder.forClient().trustManager(dir.resolve("ca.pem").toFile()).build())
                    .withAccount("nvr", "mq-secret"));
            sub.subscribe("gscam/status", seen::add);
            Await.result(Duration.ofSeconds(10), "the subscriber connected over TLS", sub::connected);

            NvrConfig config = NvrConfig.defaults()
                    .withCameras(List.of(CameraSettings.of("front", CameraUrl.parse("rtsp://127.0.0.1/0"))))
                    .withMqtt(new NvrConfig.Mqtt(url, "gscam", false, "nvr", "mq-secret", dir.resolve("ca.pem"), 100));
            try (AlarmsOut out = AlarmsOut.start(config, new EventBus(), group, Clock.systemUTC(), c -> Optional.empty(),
                    AlarmsOut.Tuning.defaults())) {
                Await.result(Duration.ofSeconds(10), "gscam/status online over TLS with the account",
                        () -> seen.stream().anyMatch(r -> r.text().equals("online")));
                assertThat(out.mqtt().orElseThrow().connected()).isTrue();
            }

            NvrConfig wrong = config.withMqtt(new NvrConfig.Mqtt(url, "gscam", false, "nvr", "not-it", dir.resolve("ca.pem"), 100));
            try (AlarmsOut out = AlarmsOut.start(wrong, new EventBus(), group, Clock.systemUTC(), c -> Optional.empty(),
                    AlarmsOut.Tuning.defaults())) {
                Await.result(Duration.ofSeconds(10), "the broker refused the wrong password",
                        () -> out.mqtt().orElseThrow().refused() > 0);
                assertThat(out.mqtt().orElseThrow().connects()).isZero();
            }
            sub.close(Duration.ofSeconds(1));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
