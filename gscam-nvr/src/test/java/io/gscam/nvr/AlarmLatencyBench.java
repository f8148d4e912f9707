package io.gscam.nvr;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraServer;
import io.gscam.camera.alarm.Alarm;
import io.gscam.camera.alarm.AlarmSource;
import io.gscam.client.CameraState;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.out.MqttClient;
import io.gscam.nvr.out.MqttEndpoint;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bench of docs/benchmarks.md ("Alarms out"): the time from an alarm raised on the emulator
 * (written at once on the NVR's MCTP connection) to its {@code gscam/<camera>/alarm} message at a
 * separate MQTT subscriber, through a real NVR recording the camera and a real mosquitto, all on
 * loopback in one JVM (one clock). One alarm at a time, so each is timed alone.
 * Run by {@code scripts/bench-alarms.sh}; skipped unless {@code -Dgscam.bench=alarms}.
 */
@EnabledIfSystemProperty(named = "gscam.bench", matches = "alarms", disabledReason = "a bench: scripts/bench-alarms.sh runs it")
class AlarmLatencyBench {
    @Test
    void alarmToSubscriber(@TempDir Path dir) throws Exception {
        assumeTrue(Mosquitto.installed(), Mosquitto.MISSING);
        int count = Integer.getInteger("gscam.bench.alarms", 1000);
        Files.createDirectories(dir.resolve("broker"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"), false).start();
             CameraServer camera = TestNvr.camera(0);
             Nvr nvr = Nvr.start(TestNvr.config(dir.resolve("data"), TestNvr.settings("cam", camera))
                     .withMqtt(new NvrConfig.Mqtt(broker.url(), "gscam", true)), TestNvr.options(Duration.ofSeconds(10)))) {
            MqttClient sub = MqttClient.start(group, MqttClient.Options.of(MqttEndpoint.parse(broker.url()), "bench-sub"));
            try {
                sub.subscribe("gscam/cam/alarm", r -> {
                    if (r.text().contains("\"ON\"")) {
                        arrivals.add(System.nanoTime());
                    }
                });
                Await.result(Duration.ofSeconds(20), "playing", () -> nvr.cameras().get(0).state() == CameraState.PLAYING);
                Await.result(Duration.ofSeconds(20), "the alarm subscription", () -> camera.api().orElseThrow().alarms().subscribers() > 0);
                Await.result(Duration.ofSeconds(20), "both MQTT clients connected",
                        () -> sub.connected() && nvr.alarmsOut().mqtt().orElseThrow().connected());
                // warm-up: the JIT, and until the subscription is known to be in place
                for (int i = 0; i < 100; i++) {
                    raiseAndWait(camera, arrivals, i == 0 ? 20 : 5);
                }
                long[] micros = new long[count];
                for (int i = 0; i < count; i++) {
                    micros[i] = raiseAndWait(camera, arrivals, 5);
                }
                Arrays.sort(micros);
                String report = String.format(Locale.ROOT,
                        "alarms-out latency over %d alarms: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
                        count, micros[count / 2] / 1000.0, micros[count * 95 / 100] / 1000.0,
                        micros[count * 99 / 100] / 1000.0, micros[count - 1] / 1000.0);
                System.out.println(report);
                Files.writeString(Path.of("target", "bench-alarms.txt"), report + "\n");
                assertThat(micros[count * 95 / 100]).as("p95 within 50 ms").isLessThanOrEqualTo(50_000);
            } finally {
                sub.close(Duration.ofSeconds(1));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Raises one alarm and returns the microseconds until the subscriber had it. */
    private static long raiseAndWait(CameraServer camera, BlockingQueue<Long> arrivals, int timeoutSeconds) throws Exception {
        long t0 = System.nanoTime();
        camera.api().orElseThrow().alarms().publish(new Alarm(0, AlarmSource.MOTION, Instant.now()));
        Long t1 = arrivals.poll(timeoutSeconds, TimeUnit.SECONDS);
        assertThat(t1).as("the alarm reached the subscriber within " + timeoutSeconds + " s").isNotNull();
        return (t1 - t0) / 1000;
    }
}
