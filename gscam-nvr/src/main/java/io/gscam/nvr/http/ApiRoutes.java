package io.gscam.nvr.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.nvr.CameraStatus;
import io.gscam.nvr.Nvr;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.events.ClipUrl;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordedEvent;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.web.WebResponse;
import io.gscam.nvr.web.WebRoutes;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.gscam.nvr.http.ApiQuery.BadRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints of DESIGN.md's "The NVR" table, on a worker thread. JSON everywhere but
 * {@code /metrics} (Prometheus text) and {@code /get} (media); times RFC 3339 UTC, durations in
 * seconds. {@code /list} and {@code /get} take MediaMTX's parameters (its {@code path} is accepted
 * as a synonym of {@code camera}) and answer in its shapes.
 */
final class ApiRoutes {
    /** Segments closer than this are one span: the next starts where the last frame of the previous ends. */
    private static final Duration SPAN_TOLERANCE = Duration.ofMillis(500);

    private final Nvr nvr;
    private final WebRoutes web;
    private final ObjectMapper json = new ObjectMapper();
    private final ClipExport export;

    /** Where /get builds its answers: on the data disk, not in memory; emptied at start. */
    private final java.nio.file.Path tmp;

    ApiRoutes(Nvr nvr) {
        this.nvr = nvr;
        this.web = new WebRoutes(nvr);
        this.export = new ClipExport(nvr.files());
        this.tmp = nvr.files().data().resolve("tmp");
    }

    ApiResponse handle(QueryStringDecoder uri, String host) {
        try {
            ApiQuery q = ApiQuery.of(uri);
            Optional<WebResponse> page = web.handle(q.path(), q.parameters()); // the dashboard's routes, / included
            if (page.isPresent()) {
                WebResponse w = page.get();
                return w.status() == 200 ? ApiResponse.of(w.contentType(), w.body())
                        : ApiResponse.text(HttpResponseStatus.valueOf(w.status()), new String(w.body(), StandardCharsets.UTF_8));
            }
            return switch (q.path()) {
                case "/api/cameras" -> json(cameras());
                case "/list" -> list(q, host);
                case "/get" -> get(q);
                case "/api/events" -> events(q);
                case "/api/gaps" -> gaps(q);
                case "/metrics" -> ApiResponse.of("text/plain; version=0.0.4; charset=utf-8",
                        Metrics.render(nvr).getBytes(StandardCharsets.UTF_8));
                default -> ApiResponse.text(HttpResponseStatus.NOT_FOUND, "not found\n");
            };
        } catch (BadRequest e) {
            return ApiResponse.text(e.status, e.getMessage() + "\n");
        } catch (IOException e) {
            return ApiResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage() + "\n");
        }
    }

    private List<Map<String, Object>> cameras() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CameraStatus c : nvr.cameras()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.settings().name());
            m.put("state", c.state().name());
            m.put("reason", c.reason()); // why it is in that state: the grid shows it beside RECONNECTING
            StreamInfo info = c.stream().orElse(null);
            m.put("server", info == null ? "" : info.server());
            TrackInfo v = info == null ? null : info.video().orElse(null);
            TrackInfo a = info == null ? null : info.audio().orElse(null);
            if (v != null) {
                Map<String, Object> video = new LinkedHashMap<>();
                video.put("codec", v.codec());
                video.put("width", v.width());
                video.put("height", v.height());
                video.put("fps", round(c.fps() > 0 ? c.fps() : v.fps()));
                m.put("video", video);
            } else {
                m.put("video", null);
            }
            m.put("audio", a == null ? null : Map.of("codec", a.codec()));
            m.put("kbps", round(c.kbps()));
            m.put("packetsLost", c.statistics().packetsLost());
            m.put("reconnects", c.statistics().reconnects());
            m.put("recording", c.recording());
            m.put("live", web.live(info)); // how the dashboard shows it: the page has no codec names
            out.add(m);
        }
        return out;
    }

    private ApiResponse list(ApiQuery q, String host) throws IOException, BadRequest {
        CameraSettings cam = camera(q);
        Instant from = q.time("start");
        Instant to = q.time("end");
        List<Segment> segs = nvr.segments(cam.name(), from, to);
        List<Gap> gaps = nvr.index().gaps(cam.name(), from, to);
        List<Map<String, Object>> out = new ArrayList<>();
        Instant spanStart = null;
        Instant spanEnd = null;
        for (Segment s : segs) {
            Instant st = from != null && s.start().isBefore(from) ? from : s.start();
            Instant en = to != null && s.end().isAfter(to) ? to : s.end();
            if (spanStart != null && (st.isAfter(spanEnd.plus(SPAN_TOLERANCE)) || gapBetween(gaps, spanEnd, st))) {
                out.add(span(cam.name(), spanStart, spanEnd, host));
                spanStart = null;
            }
            if (spanStart == null) {
                spanStart = st;
                spanEnd = en;
            } else if (en.isAfter(spanEnd)) {
                spanEnd = en;
            }
        }
        if (spanStart != null) {
            out.add(span(cam.name(), spanStart, spanEnd, host));
        }
        return json(out);
    }

    /**
     * Whether a gap lies in the hole from {@code a} (a span's end) to {@code b} (the next segment's
     * start). A gap that only touches contiguous segments does not split them: a camera-offline gap
     * starts at the last frame's time, which the last segment (ending one frame later) still holds.
     */
    private static boolean gapBetween(List<Gap> gaps, Instant a, Instant b) {
        return gaps.stream().anyMatch(g -> g.start().isBefore(b) && g.end().isAfter(a));
    }

    private Map<String, Object> span(String camera, Instant start, Instant end, String host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start.toString());
        m.put("duration", Duration.between(start, end).toMillis() / 1000.0);
        m.put("url", "http://" + host + ClipUrl.of(camera, start, end));
        return m;
    }

    private ApiResponse get(ApiQuery q) throws IOException, BadRequest {
        CameraSettings cam = camera(q);
        Instant from = q.time("start");
        if (from == null) {
            throw new BadRequest("start is required (RFC 3339, e.g. 2026-01-05T10:15:00Z)");
        }
        Instant to = from.plus(q.duration());
        ClipExport.Format format = q.format();
        java.nio.file.Files.createDirectories(tmp);
        java.nio.file.Path file = java.nio.file.Files.createTempFile(tmp, "get-", format == ClipExport.Format.MKV ? ".mkv" : ".mp4");
        boolean made = false;
        try {
            made = export.export(nvr.segments(cam.name(), from, to), from, to, format, file);
        } finally {
            if (!made) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
        if (!made) {
            throw new BadRequest(HttpResponseStatus.NOT_FOUND, "nothing recorded in that range");
        }
        String name = cam.name() + "-" + from.toString().replace(":", "") + (format == ClipExport.Format.MKV ? ".mkv" : ".mp4");
        return ApiResponse.file(format == ClipExport.Format.MKV ? "video/x-matroska" : "video/mp4", file)
                .withHeader("Content-Disposition", "inline; filename=\"" + name + "\"");
    }

    private ApiResponse events(ApiQuery q) throws IOException, BadRequest {
        String camera = q.param("camera");
        if (camera != null) {
            camera(q);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordedEvent e : nvr.index().events(camera, q.time("start"), q.time("end"))) {
            CameraSettings c = nvr.config().camera(e.camera());
            Duration pre = c == null ? Duration.ZERO : c.preRoll();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("camera", e.camera());
            m.put("channel", e.channel());
            m.put("source", e.source());
            m.put("start", e.start().toString());
            m.put("end", e.end().toString());
            m.put("clip", ClipUrl.of(e.camera(), e.start().minus(pre), e.end()));
            out.add(m);
        }
        return json(out);
    }

    private ApiResponse gaps(ApiQuery q) throws IOException, BadRequest {
        CameraSettings cam = camera(q);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Gap g : nvr.index().gaps(cam.name(), q.time("start"), q.time("end"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", g.start().toString());
            m.put("end", g.end().toString());
            m.put("cause", g.cause());
            out.add(m);
        }
        return json(out);
    }

    // ---- parameters ----

    private CameraSettings camera(ApiQuery q) throws BadRequest {
        String name = q.cameraName();
        CameraSettings c = nvr.config().camera(name);
        if (c == null) {
            throw new BadRequest(HttpResponseStatus.NOT_FOUND, "no camera " + name);
        }
        return c;
    }

    private ApiResponse json(Object value) {
        try {
            return ApiResponse.of("application/json", json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
