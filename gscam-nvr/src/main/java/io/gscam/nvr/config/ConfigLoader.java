package io.gscam.nvr.config;

import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import io.gscam.nvr.out.MqttEndpoint;
import io.gscam.server.limits.ConnectionLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the NVR's YAML file. Every key has a default except a camera's {@code url}; an unknown
 * key, a missing url, a bad duration or size is refused with one line naming the file, the line
 * and the key ({@code nvr.yaml line 7: cameras.front.retain: "7x" is not a duration (5s, 10m, 7d)}).
 * Messages never quote a camera URL with its password.
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("data", "http", "rtsp", "storage", "cameras", "mqtt", "webhooks",
            "limits");
    private static final Set<String> CAMERA = Set.of("url", "transport", "record", "retain", "maxBytes", "preRoll",
            "postRoll", "alarms");
    private static final Pattern CAMERA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Map<String, Boolean> BOOLEAN_WORDS = Map.of("true", true, "yes", true, "on", true,
            "false", false, "no", false, "off", false);

    private final String fileName;

    private ConfigLoader(String fileName) {
        this.fileName = fileName;
    }

    public static NvrConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    /** Parses {@code yaml}; {@code fileName} prefixes messages. */
    public static NvrConfig parse(String yaml, String fileName) throws ConfigException {
        return new ConfigLoader(fileName).read(YamlNode.parse(yaml, fileName));
    }

    private NvrConfig read(YamlNode root) throws ConfigException {
        NvrConfig d = NvrConfig.defaults();
        YamlNode.Mapping top = mapping(root, "(document)");
        known(top, TOP, "");
        Path data = top.entries().containsKey("data") ? Path.of(text(top, "data", "")) : d.data();

        NvrConfig.Http http = d.http();
        YamlNode.Mapping h = optionalMapping(top, "http", "");
        if (h != null) {
            known(h, Set.of("port", "user", "password"), "http.");
            http = new NvrConfig.Http(port(h, "port", "http.", http.port()), textOr(h, "user", "http.", http.user()),
                    textOr(h, "password", "http.", http.password()));
        }
        NvrConfig.Rtsp rtsp = d.rtsp();
        YamlNode.Mapping r = optionalMapping(top, "rtsp", "");
        if (r != null) {
            known(r, Set.of("port"), "rtsp.");
            rtsp = new NvrConfig.Rtsp(port(r, "port", "rtsp.", rtsp.port()));
        }
        NvrConfig.Storage storage = d.storage();
        YamlNode.Mapping s = optionalMapping(top, "storage", "");
        if (s != null) {
            known(s, Set.of("maxBytes", "minFreeBytes"), "storage.");
            storage = new NvrConfig.Storage(size(s, "maxBytes", "storage.", storage.maxBytes()),
                    size(s, "minFreeBytes", "storage.", storage.minFreeBytes()));
        }
        ConnectionLimits limits = limits(optionalMapping(top, "limits", ""), d.limits());
        List<CameraSettings> cameras = new ArrayList<>();
        YamlNode.Mapping cams = optionalMapping(top, "cameras", "");
        if (cams != null) {
            for (Map.Entry<String, YamlNode> e : cams.entries().entrySet()) {
                cameras.add(camera(e.getKey(), e.getValue(), cams.keyLines().get(e.getKey())));
            }
        }
        NvrConfig.Mqtt mqtt = mqtt(optionalMapping(top, "mqtt", ""));
        List<NvrConfig.Webhook> webhooks = new ArrayList<>();
        YamlNode w = top.entries().get("webhooks");
        if (w != null && !(w instanceof YamlNode.Scalar sc && sc.text() == null)) {
            if (!(w instanceof YamlNode.Sequence seq)) {
                throw refuse(w.line(), "webhooks", "must be a list of {url: ...}");
            }
            int i = 0;
            for (YamlNode item : seq.items()) {
                String key = "webhooks[" + i++ + "].";
                YamlNode.Mapping hook = mapping(item, key.substring(0, key.length() - 1));
                known(hook, Set.of("url", "secret"), key);
                if (!hook.entries().containsKey("url")) {
                    throw refuse(hook.line(), key + "url", "is required");
                }
                String url = text(hook, "url", key);
                if (!url.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
                    throw refuse(hook.entries().get("url").line(), key + "url", "is not an http:// or https:// URL");
                }
                webhooks.add(new NvrConfig.Webhook(url, textOr(hook, "secret", key, null)));
            }
        }
        return new NvrConfig(data, http, rtsp, storage, cameras, mqtt, webhooks, limits);
    }

    private NvrConfig.Mqtt mqtt(YamlNode.Mapping m) throws ConfigException {
        if (m == null) {
            return null;
        }
        known(m, Set.of("url", "topicPrefix", "homeAssistant", "user", "password", "ca", "queue"), "mqtt.");
        String url = textOr(m, "url", "mqtt.", "tcp://127.0.0.1:1883");
        MqttEndpoint endpoint;
        try {
            endpoint = MqttEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            throw refuse(m.entries().get("url").line(), "mqtt.url", e.getMessage() + " (tcp://host:1883, ssl://host:8883)");
        }
        String prefix = textOr(m, "topicPrefix", "mqtt.", "gscam");
        if (prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw refuse(m.entries().get("topicPrefix").line(), "mqtt.topicPrefix",
                    quote(prefix) + " is not a topic prefix (no + or #, no leading or trailing /)");
        }
        Path ca = m.entries().containsKey("ca") ? Path.of(text(m, "ca", "mqtt.")) : null;
        if (ca != null && !endpoint.tls()) {
            throw refuse(m.entries().get("ca").line(), "mqtt.ca", "needs a TLS url (ssl:// or mqtts://)");
        }
        int queue = NvrConfig.Mqtt.DEFAULT_QUEUE;
        if (m.entries().containsKey("queue")) {
            String t = text(m, "queue", "mqtt.");
            try {
                queue = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                queue = 0;
            }
            if (queue <= 0) {
                throw refuse(m.entries().get("queue").line(), "mqtt.queue", quote(t) + " is not a message count (1, 2, ...)");
            }
        }
        String password = textOr(m, "password", "mqtt.", null);
        String user = textOr(m, "user", "mqtt.", null);
        if (password != null && user == null) {
            throw refuse(m.entries().get("password").line(), "mqtt.password", "needs mqtt.user");
        }
        return new NvrConfig.Mqtt(url, prefix, bool(m, "homeAssistant", "mqtt.", true), user, password, ca, queue);
    }

    private CameraSettings camera(String name, YamlNode node, int line) throws ConfigException {
        String prefix = "cameras." + name + ".";
        if (!CAMERA_NAME.matcher(name).matches()) {
            throw refuse(line, "cameras." + name, "a camera name is letters, digits, - and _ (at most 64)");
        }
        YamlNode.Mapping c = mapping(node, "cameras." + name);
        known(c, CAMERA, prefix);
        if (!c.entries().containsKey("url")) {
            throw refuse(c.keyLines().isEmpty() ? line : c.line(), prefix + "url", "is required (the camera's rtsp:// URL)");
        }
        CameraSettings d = CameraSettings.of(name, CameraUrl.parse("rtsp://127.0.0.1/"));
        CameraUrl url;
        try {
            url = CameraUrl.parse(text(c, "url", prefix));
        } catch (IllegalArgumentException e) {
            // The parser's message may quote the URL: say only that it is not one.
            throw refuse(c.entries().get("url").line(), prefix + "url", "is not an rtsp://[user:password@]host[:port]/path URL");
        }
        Transport transport = choice(c, "transport", prefix, d.transport(),
                Map.of("tcp", Transport.TCP, "udp", Transport.UDP, "auto", Transport.AUTO), "tcp, udp or auto");
        RecordMode record = choice(c, "record", prefix, d.record(), Map.of("continuous", RecordMode.CONTINUOUS,
                "events", RecordMode.EVENTS, "off", RecordMode.OFF, "false", RecordMode.OFF), "continuous, events or off");
        OptionalInt alarms = d.alarms();
        if (c.entries().containsKey("alarms")) {
            String t = text(c, "alarms", prefix).toLowerCase(Locale.ROOT);
            if (t.equals("none") || t.equals("off") || t.equals("false")) {
                alarms = OptionalInt.empty();
            } else {
                try {
                    int ch = Integer.parseInt(t);
                    if (ch < -1) {
                        throw new NumberFormatException();
                    }
                    alarms = OptionalInt.of(ch);
                } catch (NumberFormatException e) {
                    throw refuse(c.entries().get("alarms").line(), prefix + "alarms",
                            quote(t) + " is not a channel (0, 1, ...), -1 (all) or none");
                }
            }
        }
        return new CameraSettings(name, url, transport, record,
                duration(c, "retain", prefix, d.retain()), size(c, "maxBytes", prefix, d.maxBytes()),
                duration(c, "preRoll", prefix, d.preRoll()), duration(c, "postRoll", prefix, d.postRoll()), alarms);
    }

    // ---- values ----

    private YamlNode.Mapping mapping(YamlNode node, String key) throws ConfigException {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        if (node instanceof YamlNode.Scalar s && s.text() == null) {
            return new YamlNode.Mapping(Map.of(), Map.of(), s.line());
        }
        throw refuse(node.line(), key, "must be a mapping of keys");
    }

    private YamlNode.Mapping optionalMapping(YamlNode.Mapping parent, String key, String prefix) throws ConfigException {
        YamlNode n = parent.entries().get(key);
        return n == null ? null : mapping(n, prefix + key);
    }

    private void known(YamlNode.Mapping m, Set<String> keys, String prefix) throws ConfigException {
        for (String k : m.entries().keySet()) {
            if (!keys.contains(k)) {
                throw refuse(m.keyLines().get(k), prefix + k, "unknown key (known: " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private String text(YamlNode.Mapping m, String key, String prefix) throws ConfigException {
        YamlNode n = m.entries().get(key);
        if (n instanceof YamlNode.Scalar s && s.text() != null && !s.text().isBlank()) {
            return s.text().trim();
        }
        throw refuse(n == null ? m.line() : n.line(), prefix + key, "needs a value");
    }

    private String textOr(YamlNode.Mapping m, String key, String prefix, String dflt) throws ConfigException {
        return m.entries().containsKey(key) ? text(m, key, prefix) : dflt;
    }

    private int port(YamlNode.Mapping m, String key, String prefix, int dflt) throws ConfigException {
        return value(m, key, prefix, dflt, false, t -> {
            try {
                int p = Integer.parseInt(t);
                return p >= 0 && p <= 65535 ? p : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }, "a port (0..65535)");
    }

    private boolean bool(YamlNode.Mapping m, String key, String prefix, boolean dflt) throws ConfigException {
        return choice(m, key, prefix, dflt, BOOLEAN_WORDS, "true or false");
    }

    /** A key whose value is one of a few words, in any case; {@code expected} lists them for the refusal. */
    private <T> T choice(YamlNode.Mapping m, String key, String prefix, T dflt, Map<String, T> words, String expected)
            throws ConfigException {
        return value(m, key, prefix, dflt, true, words::get, expected);
    }

    private Duration duration(YamlNode.Mapping m, String key, String prefix, Duration dflt) throws ConfigException {
        return value(m, key, prefix, dflt, false, Units::duration, "a duration (500ms, 5s, 10m, 2h, 7d)");
    }

    /** {@code limits: {headerTimeout: 10s, idleTimeout: 60s}}: the HTTP side's and the relay's connection limits. */
    private ConnectionLimits limits(YamlNode.Mapping m, ConnectionLimits dflt) throws ConfigException {
        if (m == null) {
            return dflt;
        }
        known(m, Set.of("headerTimeout", "idleTimeout"), "limits.");
        Duration header = positive(m, "headerTimeout", dflt.headerTimeout());
        Duration idle = positive(m, "idleTimeout", dflt.idleTimeout());
        return new ConnectionLimits(header, idle);
    }

    private Duration positive(YamlNode.Mapping m, String key, Duration dflt) throws ConfigException {
        Duration d = duration(m, key, "limits.", dflt);
        if (d.isZero() || d.isNegative()) {
            throw refuse(m.entries().get(key).line(), "limits." + key, "must be more than 0");
        }
        return d;
    }

    private long size(YamlNode.Mapping m, String key, String prefix, long dflt) throws ConfigException {
        return value(m, key, prefix, dflt, false, t -> {
            long n = Units.size(t);
            return n < 0 ? null : n;
        }, "a size (500MB, 10GB, 2GiB)");
    }

    /**
     * A key's value as {@code read} makes it of the key's text (lower-cased first when {@code anyCase}),
     * {@code dflt} when the key is absent; refused as {@code "<text>" is not <expected>} when {@code read}
     * gives null.
     */
    private <T> T value(YamlNode.Mapping m, String key, String prefix, T dflt, boolean anyCase, Function<String, T> read,
                        String expected) throws ConfigException {
        if (!m.entries().containsKey(key)) {
            return dflt;
        }
        String t = anyCase ? text(m, key, prefix).toLowerCase(Locale.ROOT) : text(m, key, prefix);
        T value = read.apply(t);
        if (value == null) {
            throw refuse(m.entries().get(key).line(), prefix + key, quote(t) + " is not " + expected);
        }
        return value;
    }

    private static String quote(String s) {
        return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
    }

    private ConfigException refuse(int line, String key, String reason) {
        return new ConfigException(fileName + " line " + line + ": " + key + ": " + reason);
    }
}
