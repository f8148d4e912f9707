package io.gscam.nvr;

import io.gscam.testkit.Await;

import io.gscam.nvr.out.MqttClient;
import io.gscam.nvr.out.MqttEndpoint;
import io.gscam.nvr.out.Publication;
import io.gscam.nvr.out.Received;
import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A separate MQTT client (the NVR's own client code in subscribe mode) that records what it receives. */
final class MqttSubscriber implements AutoCloseable {
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Subscribed to {@code filters} once this returns (a probe message went round). */
    MqttSubscriber(EventLoopGroup group, String url, boolean persistentSession, String... filters) throws Exception {
        String id = "test-sub-" + UUID.randomUUID().toString().substring(0, 8);
        client = MqttClient.start(group, MqttClient.Options.of(MqttEndpoint.parse(url), id)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).withCleanSession(!persistentSession));
        String probe = "test-probe/" + id;
        for (String f : filters) {
            client.subscribe(f, received::add);
        }
        List<Received> probes = new CopyOnWriteArrayList<>();
        client.subscribe(probe, probes::add);
        client.publish(Publication.of(probe, "probe", false));
        Await.result(Duration.ofSeconds(10), "the subscriber's probe came back", () -> !probes.isEmpty());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    List<Received> where(Predicate<Received> p) {
        return received.stream().filter(p).toList();
    }

    /** The first message on {@code topic}, waiting up to 10 s. */
    Received first(String topic) throws Exception {
        return Await.result(Duration.ofSeconds(10), "a message on " + topic,
                () -> on(topic).isEmpty() ? null : on(topic).get(0));
    }

    @Override
    public void close() {
        client.close(Duration.ofSeconds(1));
    }
}
