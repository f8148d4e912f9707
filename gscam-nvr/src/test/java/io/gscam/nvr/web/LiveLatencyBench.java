package io.gscam.nvr.web;

import io.gscam.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench of docs/benchmarks.md ("Dashboard live view"): the page opened afresh N times against
 * the NVR recording the emulator (as {@link DashboardBrowserTest}); per load the milestones of the
 * live H.264 view in ms after navigation start (app.js loaded, /api/live/token and /api/cameras
 * answered, socket made and open, init message, first media appended, first picture on screen), then
 * {@code data-latency-ms} (capture by the camera's clock, from its RTCP sender reports, to display)
 * sampled every 100 ms for 10 s. Prints figures, asserts only that there are some.
 * Run by {@code scripts/bench-live.sh}; skipped unless {@code -Dgscam.bench=live}.
 */
@EnabledIfSystemProperty(named = "gscam.bench", matches = "live", disabledReason = "a bench: scripts/bench-live.sh runs it")
class LiveLatencyBench {
    private static final String VIDEO = "document.querySelector('video[data-camera=\"front\"]')";

    @Test
    void firstPictureAndLatency(@TempDir Path data, @TempDir Path profile) throws Exception {
        int loads = Integer.getInteger("gscam.bench.loads", 5);
        int samples = Integer.getInteger("gscam.bench.samples", 100);
        try (DashboardFixture f = DashboardFixture.start(data, profile)) {
            f.awaitRecordingEveryCamera();
            JavascriptExecutor js = f.driver();
            List<Double> firstPictures = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "load average at start: %s%n", loadAverage()));
            report.append("load  app.js  token  cameras  socket  open  init  appended  first-picture  latency-p50  p90  max  (ms)\n");
            for (int i = 1; i <= loads; i++) {
                f.driver().get("about:blank");
                f.driver().get(f.page());
                try {
                    Await.until(Duration.ofSeconds(30), "the first picture",
                            () -> num(js.executeScript("return Number(" + VIDEO + "?.dataset.firstPictureMs ?? 0)")) > 0);
                } catch (AssertionError e) {
                    System.out.println("live view: " + js.executeScript("const v = " + VIDEO + "; return v && JSON.stringify({"
                            + " ready: v.readyState, paused: v.paused, seeking: v.seeking, t: v.currentTime, error: v.error?.message,"
                            + " buffered: [...Array(v.buffered.length).keys()].map(i => [v.buffered.start(i), v.buffered.end(i)]),"
                            + " data: {...v.dataset}, html: document.querySelector('#grid').innerHTML.slice(0, 2000)})"));
                    throw e;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) js.executeScript("const v = " + VIDEO + "; const r = (p) =>"
                        + " performance.getEntriesByType('resource').find(e => e.name.includes(p))?.responseEnd ?? -1;"
                        + " return {app: r('/ui/app.js'), token: r('/api/live/token'), cameras: r('/api/cameras'), socket: +v.dataset.socketMs,"
                        + " open: +v.dataset.openMs, init: +v.dataset.initMs, appended: +v.dataset.appendedMs,"
                        + " first: +v.dataset.firstPictureMs}");
                List<?> sampled = (List<?>) js.executeScript("const v = " + VIDEO + "; return new Promise(done => { const s = [];"
                        + " const t = setInterval(() => { s.push(Number(v.dataset.latencyMs)); if (s.length >= " + samples
                        + ") { clearInterval(t); done(s); } }, 100); })");
                List<Double> run = sampled.stream().map(LiveLatencyBench::num).filter(x -> x > 0).sorted().toList();
                assertThat(run).as("latency samples of load " + i).isNotEmpty();
                latencies.addAll(run);
                firstPictures.add(num(m.get("first")));
                report.append(String.format(Locale.ROOT, "%4d  %6.0f  %5.0f  %7.0f  %6.0f  %4.0f  %4.0f  %8.0f  %13.0f  %11.0f  %3.0f  %3.0f%n", i,
                        num(m.get("app")), num(m.get("token")), num(m.get("cameras")), num(m.get("socket")), num(m.get("open")), num(m.get("init")),
                        num(m.get("appended")), num(m.get("first")), pct(run, 50), pct(run, 90), run.get(run.size() - 1)));
            }
            List<Double> fp = firstPictures.stream().sorted().toList();
            List<Double> all = latencies.stream().sorted().toList();
            report.append(String.format(Locale.ROOT, "first picture: median %.0f ms, min %.0f, max %.0f (%d loads)%n",
                    pct(fp, 50), fp.get(0), fp.get(fp.size() - 1), fp.size()));
            report.append(String.format(Locale.ROOT, "capture-to-display latency: median %.0f ms, p90 %.0f, max %.0f (%d samples)%n",
                    pct(all, 50), pct(all, 90), all.get(all.size() - 1), all.size()));
            report.append(String.format(Locale.ROOT, "load average at end: %s%n", loadAverage()));
            System.out.print(report);
            Path target = Path.of("target");
            Files.createDirectories(target);
            Files.writeString(target.resolve("bench-live.txt"), report);
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
