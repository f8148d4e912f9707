package io.gscam.nvr;

import io.gscam.testkit.Await;

import com.sun.net.httpserver.HttpServer;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.index.RecordedEvent;
import io.gscam.nvr.out.AlarmsOut;
import io.gscam.nvr.out.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks against in-test HTTP receivers: body, signature, retries, and a dead receiver that delays nobody. */
class WebhookTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** What one receiver got: bodies and signature headers, in order. */
    record Hit(String body, String signature, int answered) {
    }

    /** A receiver that answers 500 to its first {@code failures} POSTs, then 200. */
    private List<Hit> receiver(int failures, String[] url) throws Exception {
        List<Hit> hits = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            int status = n.getAndIncrement() < failures ? 500 : 200;
            hits.add(new Hit(new String(body, StandardCharsets.UTF_8), x.getRequestHeaders().getFirst("X-Gscam-Signature"), status));
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
        closing.add(() -> server.stop(0));
        url[0] = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        return hits;
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static final WebhookSender.Options FAST = WebhookSender.Options.defaults()
            .withRetry(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30));

    @Test
    void theEventIsPostedSignedAndRetriedAfterTwo500s() throws Exception {
        String[] url = new String[1];
        List<Hit> hits = receiver(2, url);
        EventBus bus = new EventBus();
        AlarmsOut out = AlarmsOut.start(NvrConfig.defaults().withWebhooks(List.of(new NvrConfig.Webhook(url[0], "s3cret"))),
                bus, null, Clock.systemUTC(), c -> Optional.empty(), AlarmsOut.Tuning.defaults().withWebhooks(FAST));
        closing.add(out);
        Instant t = Instant.parse("2026-01-05T10:20:03.120Z");
        RecordedEvent ev = new RecordedEvent(42, "front", 0, "MOTION", t, t.plusSeconds(10));
        bus.publish(new NvrEvent.Alarm("front", 0, "MOTION", t)); // not a webhook: only events are
        bus.publish(new NvrEvent.EventStarted("front", ev, "/get?camera=front&start=2026-01-05T10:19:58.120Z&duration=15.0"));

        Await.result(Duration.ofSeconds(10), "the third POST answered 200", () -> hits.size() >= 3);
        assertThat(hits).extracting(Hit::answered).containsExactly(500, 500, 200);
        String expected = "{\"type\":\"new\",\"event\":{\"id\":42,\"camera\":\"front\",\"source\":\"MOTION\","
                + "\"start\":\"2026-01-05T10:20:03.120Z\",\"end\":\"2026-01-05T10:20:13.120Z\","
                + "\"clip\":\"/get?camera=front&start=2026-01-05T10:19:58.120Z&duration=15.0\"}}";
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.body()).isEqualTo(expected);
            assertThat(h.signature()).isEqualTo(hmac("s3cret", expected));
        });
        WebhookSender w = out.webhooks().get(0);
        Await.result(Duration.ofSeconds(5), "counted", () -> w.delivered() == 1);
        assertThat(w.retries()).isEqualTo(2);
        assertThat(w.failed()).isZero();
        StringBuilder metrics = new StringBuilder();
        out.appendMetrics(metrics);
        assertThat(metrics.toString()).contains("gscam_webhook_retries_total{url=\"" + url[0] + "\"} 2\n")
                .contains("gscam_webhook_delivered_total{url=\"" + url[0] + "\"} 1\n");
    }

    @Test
    void retriesAreBoundedThenGivenUpAndCounted() throws Exception {
        String[] url = new String[1];
        List<Hit> hits = receiver(Integer.MAX_VALUE, url);
        EventBus bus = new EventBus();
        WebhookSender.Options shortLived = WebhookSender.Options.defaults()
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2));
        AlarmsOut out = AlarmsOut.start(NvrConfig.defaults().withWebhooks(List.of(new NvrConfig.Webhook(url[0]))),
                bus, null, Clock.systemUTC(), c -> Optional.empty(), AlarmsOut.Tuning.defaults().withWebhooks(shortLived));
        closing.add(out);
        Instant t = Instant.now();
        bus.publish(new NvrEvent.EventEnded("front", new RecordedEvent(1, "front", 0, "MOTION", t, t), "/get"));
        WebhookSender w = out.webhooks().get(0);
        Await.result(Duration.ofSeconds(10), "given up", () -> w.failed() == 1);
        assertThat(hits.size()).as("tried again, within 2 s at 50-100 ms apart").isBetween(2, 41);
        assertThat(w.retries()).isEqualTo(hits.size() - 1);
        assertThat(hits.get(0).signature()).as("no secret, no signature").isNull();
        assertThat(w.delivered()).isZero();
    }

    @Test
    void aDeadReceiverDelaysNoOtherReceiver() throws Exception {
        // the dead one accepts the connection and never answers
        ServerSocket dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(dead.accept());
                }
            } catch (Exception e) {
                // closed
            }
        });
        acceptor.start();
        closing.add(() -> {
            dead.close();
            for (Socket s : accepted) {
                s.close();
            }
            acceptor.join(2000);
        });
        String[] url = new String[1];
        List<Hit> hits = receiver(0, url);
        EventBus bus = new EventBus();
        AlarmsOut out = AlarmsOut.start(NvrConfig.defaults().withWebhooks(List.of(
                        new NvrConfig.Webhook("http://127.0.0.1:" + dead.getLocalPort() + "/hook"), new NvrConfig.Webhook(url[0]))),
                bus, null, Clock.systemUTC(), c -> Optional.empty(), AlarmsOut.Tuning.defaults());
        closing.add(out);
        Instant t = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            bus.publish(new NvrEvent.EventStarted("front", new RecordedEvent(i, "front", 0, "MOTION", t, t), "/get"));
        }
        Await.result(Duration.ofSeconds(5), "the live receiver got all 5", () -> hits.size() == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well within the dead one's 10 s timeout")
                .isLessThan(Duration.ofSeconds(5));
        Await.result(Duration.ofSeconds(5), "the dead one was called", () -> !accepted.isEmpty());
        assertThat(out.webhooks().get(0).delivered()).isZero();
    }
}
