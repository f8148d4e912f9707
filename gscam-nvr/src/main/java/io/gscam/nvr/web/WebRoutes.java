package io.gscam.nvr.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.StreamInfo;
import io.gscam.nvr.CameraStatus;
import io.gscam.nvr.Nvr;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.storage.DiskSpace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's part of the HTTP API, called from the API's router on a worker thread: the page
 * and its ES modules and stylesheet from the jar ({@code /}, {@code /ui/*}), {@code /api/storage}
 * (bytes used and left, per camera and in total) and {@code /api/snapshot} (a JPEG of the first
 * keyframe at or after a time, see {@link Snapshots}).
 */
public final class WebRoutes {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final Nvr nvr;
    private final Snapshots snapshots;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    public WebRoutes(Nvr nvr) {
        this.nvr = nvr;
        this.snapshots = new Snapshots(nvr);
    }

    /** The answer for {@code path}, or empty when it is not the dashboard's. */
    public Optional<WebResponse> handle(String path, Map<String, List<String>> params) throws IOException {
        if (path.equals("/")) {
            return page();
        }
        if (path.startsWith("/ui/")) {
            return asset(path.substring("/ui/".length()));
        }
        return switch (path) {
            case "/api/storage" -> Optional.of(storage());
            case "/api/snapshot" -> Optional.of(snapshot(params));
            default -> Optional.empty();
        };
    }

    /**
     * The {@code live} field of a camera in {@code /api/cameras}: how the page shows it
     * ({@code {"kind":"mse","mime":"video/mp4; codecs=\"avc1.42c01e,flac\""}} or
     * {@code {"kind":"mjpeg"}}, see {@link LiveView}); null before the camera first played.
     */
    public Map<String, Object> live(StreamInfo info) {
        return info == null ? null : LiveView.of(info).map(LiveView::toJson).orElse(null);
    }

    /**
     * The page, with each camera's name and {@link #live} view in it ({@code <script id="boot">}),
     * so that the live views open their sockets as soon as the modules run instead of after a
     * first {@code /api/cameras} round trip.
     */
    private Optional<WebResponse> page() throws IOException {
        Optional<WebResponse> page = asset("index.html");
        if (page.isEmpty() || page.get().status() != 200) {
            return page;
        }
        List<Map<String, Object>> cams = new ArrayList<>();
        for (CameraStatus c : nvr.cameras()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.settings().name());
            m.put("live", live(c.stream().orElse(null)));
            cams.add(m);
        }
        // "<" escaped: nothing in the data can close the script element
        String boot = json.writeValueAsString(Map.of("cameras", cams)).replace("<", "\\u003c");
        String html = new String(page.get().body(), StandardCharsets.UTF_8)
                .replace("<!--boot-->", "<script type=\"application/json\" id=\"boot\">" + boot + "</script>");
        return Optional.of(WebResponse.ok(page.get().contentType(), html.getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<WebResponse> asset(String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(html|js|css|svg)")) {
            return Optional.of(WebResponse.text(404, "not found\n"));
        }
        byte[] body = assets.get(name);
        if (body == null) {
            try (InputStream in = WebRoutes.class.getResourceAsStream(name)) {
                if (in == null) {
                    return Optional.of(WebResponse.text(404, "not found\n"));
                }
                body = in.readAllBytes();
            }
            assets.put(name, body);
        }
        return Optional.of(WebResponse.ok(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body));
    }

    private WebResponse storage() throws IOException {
        Map<String, Long> used = nvr.index().bytesByCamera(); // running totals, not weeks of rows
        long free = DiskSpace.of(nvr.config().data()).freeBytes();
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        long reserve = nvr.config().storage().minFreeBytes();
        long totalLeft = Math.max(0, Math.min(nvr.config().storage().maxBytes() - total, free - reserve));
        List<Map<String, Object>> cams = new ArrayList<>();
        for (CameraSettings c : nvr.config().cameras()) {
            long u = used.getOrDefault(c.name(), 0L);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", c.name());
            m.put("usedBytes", u);
            m.put("maxBytes", c.maxBytes());
            m.put("leftBytes", Math.max(0, Math.min(c.maxBytes() - u, totalLeft)));
            cams.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usedBytes", total);
        out.put("maxBytes", nvr.config().storage().maxBytes());
        out.put("leftBytes", totalLeft);
        out.put("diskFreeBytes", free);
        out.put("cameras", cams);
        try {
            return WebResponse.ok("application/json", json.writeValueAsBytes(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebResponse snapshot(Map<String, List<String>> params) throws IOException {
        String camera = first(params, "camera");
        String time = first(params, "time");
        if (camera == null || time == null) {
            return WebResponse.text(400, "camera and time are required\n");
        }
        if (nvr.config().camera(camera) == null) {
            return WebResponse.text(404, "no camera " + camera + "\n");
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException e) {
            return WebResponse.text(400, "time must be an RFC 3339 UTC time\n");
        }
        Optional<byte[]> jpeg = snapshots.at(camera, at);
        return jpeg.map(b -> WebResponse.ok("image/jpeg", b))
                .orElseGet(() -> new WebResponse(204, "image/jpeg", new byte[0])); // no picture there, or no ffmpeg: a quiet no
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
