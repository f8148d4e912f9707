package io.gscam.nvr.config;

import io.gscam.protocol.Checks;
import io.gscam.server.limits.ConnectionLimits;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration file (DESIGN.md, "The NVR"). MQTT and webhooks are read and checked here
 * so that a file written for them is accepted; their outputs belong to another part of the NVR.
 */
public record NvrConfig(Path data, Http http, Rtsp rtsp, Storage storage, List<CameraSettings> cameras,
                        Mqtt mqtt, List<Webhook> webhooks, ConnectionLimits limits) {
    public NvrConfig {
        Checks.nonNull("data", data, "http", http, "rtsp", rtsp, "storage", storage, "limits", limits);
        cameras = List.copyOf(cameras);
        webhooks = List.copyOf(webhooks);
    }

    /** A configuration with the default connection limits (10 s for a request, 60 s of silence). */
    public NvrConfig(Path data, Http http, Rtsp rtsp, Storage storage, List<CameraSettings> cameras,
                     Mqtt mqtt, List<Webhook> webhooks) {
        this(data, http, rtsp, storage, cameras, mqtt, webhooks, ConnectionLimits.DEFAULT);
    }

    public NvrConfig withMqtt(Mqtt m) {
        return new NvrConfig(data, http, rtsp, storage, cameras, m, webhooks, limits);
    }

    public NvrConfig withWebhooks(List<Webhook> list) {
        return new NvrConfig(data, http, rtsp, storage, cameras, mqtt, list, limits);
    }

    /** Dashboard, API and live view: the port and the account (Basic auth). */
    public record Http(int port, String user, String password) {
        @Override
        public String toString() {
            return "Http{port " + port + ", user " + user + "}";
        }
    }

    /** The relay's port (same account as HTTP). */
    public record Rtsp(int port) {
    }

    /** Limits over every camera: total bytes, and the free space always left on the disk. */
    public record Storage(long maxBytes, long minFreeBytes) {
    }

    /**
     * The MQTT output, or null when the file has none.
     *
     * @param user     null for no account
     * @param ca       PEM file of the CA that signed the broker's certificate (TLS URLs); null: the JDK's trust store
     * @param queue    messages kept while the broker is away; past it the oldest are dropped (counted in /metrics)
     */
    public record Mqtt(String url, String topicPrefix, boolean homeAssistant, String user, String password, Path ca,
                       int queue) {
        public static final int DEFAULT_QUEUE = 10_000;

        public Mqtt(String url, String topicPrefix, boolean homeAssistant) {
            this(url, topicPrefix, homeAssistant, null, null, null, DEFAULT_QUEUE);
        }

        @Override
        public String toString() {
            return "Mqtt{" + topicPrefix + (user == null ? "" : ", user " + user) + ", homeAssistant " + homeAssistant
                    + ", queue " + queue + "}";
        }
    }

    /** A webhook receiver; with a secret, each POST carries {@code X-Gscam-Signature} (HMAC-SHA256 of the body). */
    public record Webhook(String url, String secret) {
        public Webhook(String url) {
            this(url, null);
        }

        @Override
        public String toString() {
            return "Webhook{" + url.replaceAll("//[^/@]*@", "//") + (secret == null ? "" : ", signed") + "}";
        }
    }

    public static final Path DEFAULT_DATA = Path.of("gscam-data");

    /** Every default and no camera. */
    public static NvrConfig defaults() {
        return new NvrConfig(DEFAULT_DATA, new Http(8080, "admin", "admin"), new Rtsp(8554),
                new Storage(50_000_000_000L, 2_000_000_000L), List.of(), null, List.of());
    }

    public NvrConfig withData(Path dir) {
        return new NvrConfig(dir, http, rtsp, storage, cameras, mqtt, webhooks, limits);
    }

    public NvrConfig withHttpPort(int port) {
        return new NvrConfig(data, new Http(port, http.user(), http.password()), rtsp, storage, cameras, mqtt, webhooks, limits);
    }

    public NvrConfig withRtspPort(int port) {
        return new NvrConfig(data, http, new Rtsp(port), storage, cameras, mqtt, webhooks, limits);
    }

    public NvrConfig withStorage(Storage s) {
        return new NvrConfig(data, http, rtsp, s, cameras, mqtt, webhooks, limits);
    }

    public NvrConfig withCameras(List<CameraSettings> list) {
        return new NvrConfig(data, http, rtsp, storage, list, mqtt, webhooks, limits);
    }

    /** This configuration with {@code l} for the dashboard's HTTP connections and the relay's RTSP connections. */
    public NvrConfig withLimits(ConnectionLimits l) {
        return new NvrConfig(data, http, rtsp, storage, cameras, mqtt, webhooks, l);
    }

    public CameraSettings camera(String name) {
        return cameras.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
