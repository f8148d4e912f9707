package io.gscam.nvr;

import io.gscam.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.camera.CameraServer;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.out.Received;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole way: the emulator raises an alarm (its HTTP API) -> MCTP -> the NVR -> mosquitto -> a subscriber. */
class AlarmsOutEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAlarmOnTheCameraReachesAnMqttSubscriber(@TempDir Path dir) throws Exception {
        assumeTrue(Mosquitto.installed(), Mosquitto.MISSING);
        Files.createDirectories(dir.resolve("broker"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"), false).start();
             CameraServer camera = TestNvr.camera(0);
             MqttSubscriber sub = new MqttSubscriber(group, broker.url(), false, "gscam/#", "homeassistant/#");
             Nvr nvr = Nvr.start(TestNvr.config(dir.resolve("data"), TestNvr.settings("cam", camera))
                     .withMqtt(new NvrConfig.Mqtt(broker.url(), "gscam", true)), TestNvr.options(Duration.ofSeconds(2)))) {
            Await.result(Duration.ofSeconds(20), "gscam/cam/status online",
                    () -> sub.on("gscam/cam/status").stream().anyMatch(r -> r.text().equals("online")));
            Await.result(Duration.ofSeconds(20), "the NVR's alarm subscription", () -> camera.api().orElseThrow().alarms().subscribers() > 0);

            HttpResponse<String> raised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + camera.api().orElseThrow().httpAddress().getPort() + "/api/alarm?channel=0&source=MOTION"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    ("admin:" + TestNvr.CAMERA_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(raised.statusCode()).isEqualTo(200);

            JsonNode alarm = JSON.readTree(sub.first("gscam/cam/alarm").payload());
            assertThat(alarm.get("camera").asText()).isEqualTo("cam");
            assertThat(alarm.get("channel").asInt()).isEqualTo(0);
            assertThat(alarm.get("source").asText()).isEqualTo("MOTION");
            assertThat(alarm.get("state").asText()).isEqualTo("ON");
            JsonNode event = JSON.readTree(sub.first("gscam/events").payload());
            assertThat(event.get("type").asText()).isEqualTo("new");
            assertThat(event.get("event").get("camera").asText()).isEqualTo("cam");
            assertThat(event.get("event").get("clip").asText()).startsWith("/get?camera=cam&start=");

            // once the session plays, the device in Home Assistant shows the camera's Server header as its model
            String server = nvr.cameras().get(0).stream().orElseThrow().server();
            String model = "\"model\":" + JSON.writeValueAsString(server);
            Received config = Await.result(Duration.ofSeconds(10), "discovery with the model", () -> sub
                    .on("homeassistant/binary_sensor/gscam_cam_motion/config").stream()
                    .filter(r -> r.text().contains(model))
                    .findFirst().orElse(null));
            assertThat(JSON.readTree(config.payload()).get("device_class").asText()).isEqualTo("motion");
            assertThat(TestNvr.text(TestNvr.get(nvr, "/metrics"))).contains("gscam_mqtt_connected 1\n");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
