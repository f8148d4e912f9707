package io.gscam.nvr.out;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the broker is: {@code tcp://host:port} or {@code mqtt://} (plain, default port 1883),
 * {@code ssl://}, {@code tls://} or {@code mqtts://} (TLS, default port 8883) — the schemes Paho and
 * mosquitto's tools accept.
 */
public record MqttEndpoint(String host, int port, boolean tls) {

    /** Parses {@code url}; the message of the exception never quotes the URL (it may hold a password). */
    public static MqttEndpoint parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a tcp://host:port or ssl://host:port URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "tls", "mqtts" -> true;
            default -> throw new IllegalArgumentException("the scheme is not tcp, mqtt, ssl, tls or mqtts");
        };
        if (u.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        return new MqttEndpoint(u.getHost(), u.getPort() < 0 ? (tls ? 8883 : 1883) : u.getPort(), tls);
    }
}
