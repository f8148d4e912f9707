package io.gscam.nvr.out;

import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.events.NvrEvent;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Alarms out: one dispatcher thread takes the NVR's events from the {@link EventBus} and hands them
 * to MQTT ({@link MqttPublisher} over {@link MqttClient}) and to every {@link WebhookSender}. Neither
 * hand-over blocks (the client's queue lives on its event loop, each receiver has its own thread),
 * so a dead broker or receiver delays neither the other outputs nor recording.
 * <pre>{@code
 * AlarmsOut out = AlarmsOut.start(config, bus, group, clock, camera -> Optional.of("GXV3610"), AlarmsOut.Tuning.defaults());
 * ...
 * out.close(); // cameras and NVR offline, acknowledged (2 s at most), DISCONNECT
 * }</pre>
 */
public final class AlarmsOut implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlarmsOut.class);

    /** What the configuration file does not set: reconnect backoff and webhook retries. */
    public record Tuning(Duration minBackoff, Duration maxBackoff, Duration keepAlive, WebhookSender.Options webhooks) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30), WebhookSender.Options.defaults());
        }

        public Tuning withBackoff(Duration min, Duration max) {
            return new Tuning(min, max, keepAlive, webhooks);
        }

        public Tuning withWebhooks(WebhookSender.Options o) {
            return new Tuning(minBackoff, maxBackoff, keepAlive, o);
        }
    }

    private final MqttClient mqtt;
    private final MqttPublisher publisher;
    private final List<WebhookSender> webhooks = new ArrayList<>();
    private final EventBus.Subscription subscription;
    private final Thread dispatcher;
    private volatile boolean closed;

    private AlarmsOut(NvrConfig config, EventBus bus, EventLoopGroup group, Clock clock,
                      Function<String, Optional<String>> model, Tuning tuning) throws SSLException {
        NvrConfig.Mqtt m = config.mqtt();
        if (m != null) {
            MqttClient.Options o = new MqttClient.Options(MqttEndpoint.parse(m.url()), ssl(m),
                    "gscam-" + UUID.randomUUID().toString().substring(0, 8), m.user(), m.password(),
                    MqttPublisher.will(m.topicPrefix()), tuning.keepAlive(), m.queue(), tuning.minBackoff(), tuning.maxBackoff(), true);
            this.mqtt = MqttClient.start(group, o);
            this.publisher = new MqttPublisher(mqtt, m.topicPrefix(), m.homeAssistant(),
                    config.cameras().stream().map(c -> c.name()).toList(), model);
            publisher.start();
        } else {
            this.mqtt = null;
            this.publisher = null;
        }
        for (NvrConfig.Webhook w : config.webhooks()) {
            webhooks.add(new WebhookSender(URI.create(w.url()), w.secret(), tuning.webhooks(), clock));
        }
        if (mqtt == null && webhooks.isEmpty()) {
            this.subscription = null; // nothing to send to: no thread, no queue
            this.dispatcher = null;
            return;
        }
        // big enough for a burst of alarms from every camera; the bus counts what it drops
        this.subscription = bus.subscribe(65_536);
        this.dispatcher = new Thread(this::dispatch, "nvr-alarms-out");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Starts the outputs the configuration names (none: nothing runs). */
    public static AlarmsOut start(NvrConfig config, EventBus bus, EventLoopGroup group, Clock clock,
                                  Function<String, Optional<String>> model, Tuning tuning) throws SSLException {
        return new AlarmsOut(config, bus, group, clock, model, tuning);
    }

    private static SslContext ssl(NvrConfig.Mqtt m) throws SSLException {
        if (!MqttEndpoint.parse(m.url()).tls()) {
            return null;
        }
        // the broker's certificate must name the host of mqtt.url
        SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
        if (m.ca() != null) {
            b.trustManager(m.ca().toFile());
        }
        return b.build();
    }

    private void dispatch() {
        try {
            while (!closed) {
                NvrEvent e = subscription.take(Duration.ofMillis(500));
                if (e == null) {
                    continue;
                }
                if (publisher != null) {
                    publisher.handle(e);
                }
                if (!webhooks.isEmpty()) {
                    byte[] body = webhookBody(e);
                    if (body != null) {
                        for (WebhookSender w : webhooks) {
                            w.offer(body);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("alarms out stopped: {}", e.toString(), e);
        }
    }

    private static byte[] webhookBody(NvrEvent e) {
        if (e instanceof NvrEvent.EventStarted s) {
            return AlarmPayloads.event("new", s.event(), s.clip());
        }
        if (e instanceof NvrEvent.EventEnded x) {
            return AlarmPayloads.event("end", x.event(), x.clip());
        }
        return null;
    }

    /** The MQTT client, empty when the configuration has no {@code mqtt:}. */
    public Optional<MqttClient> mqtt() {
        return Optional.ofNullable(mqtt);
    }

    public List<WebhookSender> webhooks() {
        return List.copyOf(webhooks);
    }

    /** The series of {@code /metrics} for MQTT and webhooks (Prometheus text). */
    public void appendMetrics(StringBuilder b) {
        if (mqtt != null) {
            metric(b, "gscam_mqtt_connected", "1 while connected to the broker.", "gauge", mqtt.connected() ? 1 : 0);
            metric(b, "gscam_mqtt_queued", "MQTT messages waiting for the broker's acknowledgement.", "gauge", mqtt.queued());
            metric(b, "gscam_mqtt_delivered_total", "MQTT messages the broker acknowledged.", "counter", mqtt.delivered());
            metric(b, "gscam_mqtt_dropped_total", "MQTT messages dropped, oldest first, because the queue was full.",
                    "counter", mqtt.dropped());
            metric(b, "gscam_mqtt_connects_total", "Connections the broker accepted.", "counter", mqtt.connects());
        }
        if (!webhooks.isEmpty()) {
            webhookMetric(b, "gscam_webhook_delivered_total", "Webhook POSTs the receiver answered 2xx.", WebhookSender::delivered);
            webhookMetric(b, "gscam_webhook_retries_total", "Webhook POSTs that failed and were tried again.", WebhookSender::retries);
            webhookMetric(b, "gscam_webhook_failed_total", "Webhook bodies given up after an hour of retries.", WebhookSender::failed);
            webhookMetric(b, "gscam_webhook_dropped_total", "Webhook bodies dropped, oldest first, from a full queue.", WebhookSender::dropped);
        }
    }

    private static void metric(StringBuilder b, String name, String help, String type, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }

    private void webhookMetric(StringBuilder b, String name, String help, java.util.function.ToLongFunction<WebhookSender> f) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        for (WebhookSender w : webhooks) {
            b.append(name).append("{url=\"").append(w.label().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"} ").append(f.applyAsLong(w)).append('\n');
        }
    }

    /** Stops the dispatcher, says offline (acknowledged within 2 s at most), disconnects, stops the webhooks. */
    @Override
    public void close() {
        closed = true;
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            subscription.close();
        }
        if (mqtt != null) {
            publisher.stop();
            mqtt.close(Duration.ofSeconds(2));
        }
        for (WebhookSender w : webhooks) {
            w.close();
        }
    }

    /** A crash, for tests: the connection drops without DISCONNECT, so the broker publishes the will. */
    public void abort() {
        closed = true;
        if (dispatcher != null) {
            dispatcher.interrupt();
            subscription.close();
        }
        if (mqtt != null) {
            mqtt.abort();
        }
        for (WebhookSender w : webhooks) {
            w.close();
        }
    }
}
