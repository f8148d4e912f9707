package io.gscam.nvr.out;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs event JSON to one receiver, in order, on a thread of its own, so a slow or dead receiver
 * delays nothing but itself. A failed POST (no answer, or not 2xx) is retried with doubling backoff
 * until {@link Options#giveUpAfter()} has passed since its first failure; then it is given up and counted.
 * Bodies wait in a bounded queue; past the bound the oldest is dropped and counted.
 * With a secret, {@code X-Gscam-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    public static final String SIGNATURE_HEADER = "X-Gscam-Signature";

    /**
     * @param giveUpAfter how long one body is retried (an hour by default)
     */
    public record Options(int queueLimit, Duration firstRetry, Duration maxRetry, Duration giveUpAfter, Duration timeout) {
        public static Options defaults() {
            return new Options(1000, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(10));
        }

        public Options withRetry(Duration first, Duration max, Duration giveUp) {
            return new Options(queueLimit, first, max, giveUp, timeout);
        }
    }

    private final URI url;
    private final String label;
    private final SecretKeySpec key;
    private final Options options;
    private final Clock clock;
    private final HttpClient http;
    private final Thread thread;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    /** @param secret null for unsigned */
    public WebhookSender(URI url, String secret, Options options, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.label = label(url);
        this.key = secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.options = options;
        this.clock = clock;
        // HTTP/1.1: no h2c upgrade round trip to receivers that are mostly small HTTP/1.1 servers
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout()).build();
        this.thread = new Thread(this::run, "nvr-webhook " + label);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The URL without account, query or fragment: what logs and /metrics may show. */
    public static String label(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Queues {@code body}; never blocks. */
    public void offer(byte[] body) {
        synchronized (queue) {
            if (closed) {
                return;
            }
            queue.addLast(body);
            while (queue.size() > options.queueLimit()) {
                queue.pollFirst();
                dropped.incrementAndGet();
            }
            queue.notifyAll();
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(String secret, byte[] body) {
        return sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body);
    }

    public String label() {
        return label;
    }

    public long delivered() {
        return delivered.get();
    }

    /** Failed attempts that were tried again. */
    public long retries() {
        return retries.get();
    }

    /** Bodies given up after {@link Options#giveUpAfter()}. */
    public long failed() {
        return failed.get();
    }

    /** Bodies dropped from a full queue. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        try {
            while (true) {
                byte[] body;
                synchronized (queue) {
                    while (queue.isEmpty() && !closed) {
                        queue.wait();
                    }
                    if (closed) {
                        return;
                    }
                    body = queue.pollFirst();
                }
                deliver(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(byte[] body) throws InterruptedException {
        Instant firstFailure = null;
        long backoff = options.firstRetry().toMillis();
        while (true) {
            String outcome = post(body);
            if (outcome == null) {
                delivered.incrementAndGet();
                return;
            }
            if (firstFailure == null) {
                firstFailure = clock.instant(); // the hour runs from the first failure, however long it took
            }
            if (!clock.instant().plusMillis(backoff).isBefore(firstFailure.plus(options.giveUpAfter()))) {
                failed.incrementAndGet();
                log.warn("webhook {}: given up after {}: {}", label, options.giveUpAfter(), outcome);
                return;
            }
            retries.incrementAndGet();
            log.debug("webhook {}: {}; again in {} ms", label, outcome, backoff);
            pause(backoff);
            backoff = Math.min(backoff * 2, options.maxRetry().toMillis());
        }
    }

    /** Waits {@code millis} or until closed: the backoff, not synchronisation. */
    private void pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        synchronized (queue) {
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                queue.wait(Math.max(1, left / 1_000_000));
            }
            if (closed) {
                throw new InterruptedException("closed");
            }
        }
    }

    /** Null when the receiver took it, else why not. */
    private String post(byte[] body) throws InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(options.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "gscam-nvr")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            r.header(SIGNATURE_HEADER, sign(key, body));
        }
        try {
            HttpResponse<Void> resp = http.send(r.build(), HttpResponse.BodyHandlers.discarding());
            return resp.statusCode() / 100 == 2 ? null : "HTTP " + resp.statusCode();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops at once; what is still queued is not sent (the NVR is stopping). */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
