package io.gscam.nvr.web;

import io.gscam.camera.CameraServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.CameraListener;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.nvr.Nvr;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.record.LiveFeed;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard in a real browser: Debian's chromium, headless, through its chromedriver (nothing
 * downloaded), against an NVR recording the emulator: "front" H.264 + G.726-32 (live audio as FLAC;
 * recorded to Matroska, played back from a span click), "yard" MJPEG, "door" H.264 + G.711 over UDP
 * (its two alarms' clips are played, stepped through with next/previous event), and "gate", which
 * never plays (its tile says why).
 */
@Isolated("a browser decoding live video, with a latency bound")
class DashboardBrowserTest {
    private static final String CAMERA_PASSWORD = DashboardFixture.CAMERA_PASSWORD;
    /** A clip starts at the keyframe at or before its start, so it plays up to a GOP past its end. */
    private static final Duration GOP_SLACK = Duration.ofSeconds(5);

    @TempDir
    Path data;
    @TempDir
    Path profile;
    private DashboardFixture fixture;
    private CameraServer camera;
    private Nvr nvr;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        fixture = DashboardFixture.start(data, profile);
        camera = fixture.camera();
        nvr = fixture.nvr();
        driver = fixture.driver();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void liveViewTimelineAndPlayback() throws Exception {
        int port = nvr.httpAddress().getPort();
        // First picture is measured from the page's navigation start, with the NVR already receiving,
        // past its first keyframes (a segment of each camera closed), as an NVR that has been running is.
        fixture.awaitRecordingEveryCamera();
        // door plays over UDP: its frames, and so its live fragments' prft, carry the camera's capture time.
        AtomicReference<VideoFrame> doorFrame = new AtomicReference<>();
        try (LiveFeed.Subscription s = nvr.live().subscribe("door", new CameraListener() {
            @Override
            public void onVideo(VideoFrame frame) {
                doorFrame.set(frame);
            }
        })) {
            Await.until(Duration.ofSeconds(10), "a door frame (UDP) with the camera's capture time",
                    () -> doorFrame.get() != null && doorFrame.get().captureTime().isPresent());
        }
        assertThat(nvr.live().streamInfo("door").orElseThrow().transport()).isEqualTo(Transport.UDP);
        assertThat(Duration.between(doorFrame.get().captureTime().orElseThrow(), doorFrame.get().receivedAt()))
                .as("capture to arrival, by the camera's clock on this host (a sanity bound: a busy machine delays arrival)")
                .isBetween(Duration.ofSeconds(-1), Duration.ofSeconds(10));
        // A gap in door's first second recorded, as the index keeps one (the NVR's own gaps are
        // CameraOutageTest's, CrashRecoveryTest's and DiskFullTest's; one before the oldest recording
        // would be forgotten by retention): the page shows it with its cause on hover.
        Instant doorStart = nvr.index().segments("door", null, null).get(0).start();
        nvr.index().addGap(new Gap("door", doorStart.plusMillis(200), doorStart.plusMillis(1200), Gap.CAMERA_OFFLINE));
        HttpResponse<String> cameras = get(port, "/api/cameras");
        assertThat(cameras.statusCode()).as("the API answers (and its JSON code is loaded)").isEqualTo(200);
        assertThat(cameras.body()).as("the server says how to show each camera live")
                .contains("\"live\":{\"kind\":\"mse\"").contains("\"live\":{\"kind\":\"mjpeg\"}")
                .doesNotContain(CAMERA_PASSWORD);
        driver.get(fixture.page());
        JavascriptExecutor js = driver;

        // Live H.264 + FLAC: plays 704x480, decodes audio, keeps data-latency-ms.
        String video = "document.querySelector('video[data-camera=\"front\"]')";
        Await.until(Duration.ofSeconds(20), "the live video plays",
                () -> num(js.executeScript("const v=" + video + "; return v && v.currentTime > 0 ? v.videoWidth : 0")) > 0);
        assertThat(num(js.executeScript("return " + video + ".videoWidth"))).isEqualTo(704);
        assertThat(num(js.executeScript("return " + video + ".videoHeight"))).isEqualTo(480);
        Await.until(Duration.ofSeconds(10), "data-latency-ms set",
                () -> !String.valueOf(js.executeScript("return " + video + ".dataset.latencyMs")).isEmpty());
        double firstPicture = num(js.executeScript("return Number(" + video + ".dataset.firstPictureMs)"));
        System.out.println("dashboard: socket made at " + js.executeScript("return " + video + ".dataset.socketMs")
                + " ms, open at " + js.executeScript("return " + video + ".dataset.openMs")
                + " ms, init at " + js.executeScript("return " + video + ".dataset.initMs") + " ms, media appended at "
                + js.executeScript("return " + video + ".dataset.appendedMs") + " ms; resources loaded at "
                + js.executeScript("return performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.responseEnd)).join(', ')"));
        // door (H.264 + G.711 over UDP) plays live with its sound too.
        String doorVideo = "document.querySelector('video[data-camera=\"door\"]')";
        Await.until(Duration.ofSeconds(20), "door's live video plays with a latency",
                () -> num(js.executeScript("const v=" + doorVideo + "; return v && v.currentTime > 0 && v.dataset.latencyMs ? v.videoWidth : 0")) == 704);
        long audio0 = (long) num(js.executeScript("return " + video + ".webkitAudioDecodedByteCount"));
        long doorAudio0 = (long) num(js.executeScript("return " + doorVideo + ".webkitAudioDecodedByteCount"));
        Latencies early = latencies(js, 25);
        long audio1 = (long) num(js.executeScript("return " + video + ".webkitAudioDecodedByteCount"));
        assertThat(audio1).as("audio decoded (FLAC from G.726)").isGreaterThan(audio0);
        assertThat((long) num(js.executeScript("return " + doorVideo + ".webkitAudioDecodedByteCount")))
                .as("door's audio decoded (FLAC from G.711, over UDP)").isGreaterThan(doorAudio0);
        System.out.printf("dashboard: first picture %.0f ms after navigation start; data-latency-ms front %s, door (UDP) %s%n",
                firstPicture, early.front(), early.door());
        assertThat(driver.getPageSource()).as("the page holds no camera credentials").doesNotContain(CAMERA_PASSWORD);

        // MJPEG: the <img> updates.
        String img = "document.querySelector('img[data-camera=\"yard\"]')";
        double frames0 = num(js.executeScript("return Number(" + img + ".dataset.frames || 0)"));
        Await.until(Duration.ofSeconds(10), "the MJPEG image updates",
                () -> num(js.executeScript("return Number(" + img + ".dataset.frames || 0)")) > frames0 + 3
                        && num(js.executeScript("return " + img + ".naturalWidth")) > 0);
        assertThat(String.valueOf(js.executeScript("return " + img + ".dataset.latencyMs"))).matches("\\d+");

        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target.resolve("dashboard-grid.png"), StandardCopyOption.REPLACE_EXISTING);

        // An alarm on the emulator shows on the timeline within 10 s; clicking it plays the clip.
        raiseAlarm("MOTION");
        Await.value(Duration.ofSeconds(10), "an alarm on door's timeline",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).stream().findFirst());
        assertThat(driver.findElements(By.cssSelector("[data-timeline=\"front\"] [data-alarm]"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]"))).isNotEmpty();
        // The clip is playable once its segment is indexed (segments of 3 s here; on a machine too busy
        // for the emulator to encode in real time, the recording falls a minute behind the clock).
        String clip = String.valueOf(js.executeScript(
                "return fetch(location.origin + '/api/events?camera=door').then(r => r.json()).then(e => e[0].clip)"));
        Await.until(Duration.ofSeconds(90), "the alarm's clip recorded",
                () -> status(port, clip) == 200);
        // Zoomed to this hour, so that spans, gaps and the alarm are wide enough to see.
        int hour = (int) num(js.executeScript("return new Date().getHours()"));
        js.executeScript("const z = document.getElementById('zoom'); z.value = String(arguments[0]); z.dispatchEvent(new Event('change'))", hour);
        Await.until(Duration.ofSeconds(5), "the zoomed timeline",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).isEmpty());
        assertThat(String.valueOf(js.executeScript("return [...document.querySelector('[data-timeline=\"door\"]')"
                + ".nextElementSibling.children].map(s => s.textContent).join(' ')")))
                .as("the hour's ticks").isEqualTo(String.format("%02d:00 %02d:15 %02d:30 %02d:45 %02d:00", hour, hour, hour, hour, (hour + 1) % 24));
        Files.copy(driver.findElement(By.cssSelector("[data-timeline=\"door\"]")).findElement(By.xpath("..")).getScreenshotAs(OutputType.FILE).toPath(),
                target.resolve("dashboard-timeline.png"), StandardCopyOption.REPLACE_EXISTING);
        // The timeline is redrawn when its data changes: find the marker afresh and click it at once.
        clickFresh("[data-timeline=\"door\"] [data-alarm]");
        Playing first = Await.value(Duration.ofSeconds(20), "the clip plays in <video data-playback>, the playhead on door's timeline",
                () -> Optional.of(playing(js, "door")).filter(p -> p.currentTime() > 0.5 && p.playhead() != null));
        assertThat(first.event()).as("the alarm's clip playing").isZero();
        assertThat(first.playhead()).as("the playhead in the clip's range").isBetween(first.clipStart(), first.clipEnd());
        Await.until(Duration.ofSeconds(10), "the playhead follows the playback",
                () -> playing(js, "door").playhead().isAfter(first.playhead().plusMillis(300)));
        Await.until(Duration.ofSeconds(10), "the clip's sound decoded (FLAC from G.711 in /get's MP4)",
                () -> playing(js, "door").audioBytes() > 0);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target.resolve("dashboard-playback.png"), StandardCopyOption.REPLACE_EXISTING);
        // ffmpeg decodes the keyframe (a 10 s deadline per try; the page asks again while none comes).
        try {
            Await.until(Duration.ofSeconds(30), "the event's thumbnail in the events list", () -> num(js.executeScript(
                    "const i = document.querySelector('#event-list li img'); return i && i.complete ? i.naturalWidth : 0")) > 0);
        } catch (AssertionError e) {
            String src = String.valueOf(js.executeScript("const i = document.querySelector('#event-list li img'); return i ? i.src : ''"));
            System.out.println("thumbnail: " + src + " -> " + (src.contains("/api/snapshot") ? status(port, src.substring(src.indexOf("/api/snapshot"))) : "no img")
                    + "; door's segments " + nvr.index().segments("door", null, null));
            throw e;
        }

        nextAndPreviousEvent(js, port, first);
        dashboardControls(js, port);

        // Clicking a span plays from that moment: front's (no alarm marker on it), G.726 recorded as Matroska;
        // zoomed to the hour, where its span is wide enough to click.
        js.executeScript("const z = document.getElementById('zoom'); z.value = String(new Date().getHours()); z.dispatchEvent(new Event('change'))");
        clickFresh("[data-timeline=\"front\"] [data-span]");
        Await.until(Duration.ofSeconds(20), "front's recording plays from the moment clicked, with its sound", () -> {
            Playing p = playing(js, "front");
            return p.camera().equals("front") && p.event() < 0 && p.currentTime() > 0.5 && p.audioBytes() > 0
                    && p.playhead() != null && !p.playhead().isBefore(p.clipStart());
        });

        // Each tile: the camera's state and its rates, kept current from /api/cameras; gate, which never
        // played, RECONNECTING with the reason.
        String front = tileOf("front");
        assertThat(String.valueOf(js.executeScript(front + ".querySelector('.state').textContent"))).isEqualTo("PLAYING");
        Await.until(Duration.ofSeconds(10), "front's fps and kbps", () -> String.valueOf(js.executeScript(front + ".querySelector('.stats').textContent"))
                .matches("[1-9][\\d.]* fps · [1-9][\\d.]* kbps · \\d+ lost.*"));
        Await.until(Duration.ofSeconds(10), "gate RECONNECTING with \"connection refused\", on its state and over its view",
                () -> String.valueOf(js.executeScript("const t = " + tileOf(DashboardFixture.GATE).substring("return ".length())
                        + "; return t.querySelector('.state').textContent + '|' + t.querySelector('.reason').textContent"))
                        .matches("(?i)RECONNECTING \\(.*refused.*\\)\\|RECONNECTING: .*refused.*"));

        // A phone's width: one column of cameras.
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Await.until(Duration.ofSeconds(5), "one column on a phone", () -> num(js.executeScript(
                "return getComputedStyle(document.getElementById('grid')).gridTemplateColumns.split(' ').length")) == 1);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1100));

        // The live views a minute on: still at the live edge (a page that drifts behind fails here).
        Latencies late = latencies(js, 25);
        System.out.printf("dashboard: a minute on, data-latency-ms front %s, door (UDP) %s%n", late.front(), late.door());

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("no error in the browser console").isEmpty();

        // data-latency-ms, checked last so that a machine too busy for the bound still gets the page's
        // other checks run. Kept current: it changes from frame to frame (a stalled video or a value set
        // once would not). Capture to display, not clamped: above 0 (a prft in the future reads 0).
        for (Map.Entry<String, List<Long>> l : Map.of("front at first", early.front(), "door (UDP) at first", early.door(),
                "front a minute on", late.front(), "door (UDP) a minute on", late.door()).entrySet()) {
            assertThat(new HashSet<>(l.getValue())).as("data-latency-ms of " + l.getKey() + " kept current: " + l.getValue()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(median(l.getValue())).as("median data-latency-ms of " + l.getKey() + ": " + l.getValue()).isPositive();
        }
        // Bounded once settled: the goal is 500 ms (printed above; 290-700 ms on an idle machine, the
        // bench's medians under 400 ms at load 13-18 in docs/benchmarks.md). 2.5 s is what a machine
        // shared with other builds still meets a minute on, and what a page drifting away from the live
        // edge (each stall adding to its delay) fails; the first seconds after the page opens (its first GOP decoded, several views
        // starting at once) are printed, not bounded.
        assertThat(median(late.front())).as("median capture-to-display latency of front on loopback, a minute on: " + late.front()).isLessThan(2500);
        assertThat(median(late.door())).as("median capture-to-display latency of door (UDP) on loopback, a minute on: " + late.door()).isLessThan(2500);
    }

    /** Samples of data-latency-ms of the front and door live views, taken in the page every 200 ms. */
    private record Latencies(List<Long> front, List<Long> door) {
    }

    private static Latencies latencies(JavascriptExecutor js, int samples) {
        // The promise is awaited by chromedriver.
        List<?> sampled = (List<?>) js.executeScript("const n = arguments[0]; const vs = ['front', 'door'].map(c => document.querySelector(`video[data-camera=\"${c}\"]`));"
                + " return new Promise(done => { const s = [[], []];"
                + " const t = setInterval(() => { vs.forEach((v, i) => s[i].push(v.dataset.latencyMs)); if (s[0].length >= n) { clearInterval(t); done(s); } }, 200); })",
                samples);
        List<List<Long>> out = new ArrayList<>();
        for (Object one : sampled) {
            List<Long> ms = new ArrayList<>();
            for (Object l : (List<?>) one) {
                assertThat(String.valueOf(l)).as("data-latency-ms is a number").matches("\\d+");
                ms.add(Long.parseLong(String.valueOf(l)));
            }
            out.add(ms);
        }
        return new Latencies(out.get(0), out.get(1));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * What {@code <video data-playback>} plays: its camera, which of that camera's events (in time order)
     * has this clip (-1: none), the clip's range, the playhead on the camera's timeline, the playback's
     * time and audio bytes decoded.
     */
    private record Playing(String camera, int event, Instant clipStart, Instant clipEnd, Instant playhead,
                           double currentTime, long audioBytes) {
    }

    private Playing playing(JavascriptExecutor js, String camera) {
        String r = String.valueOf(js.executeScript("const v = document.querySelector('video[data-playback]');"
                + " const u = new URL(v.src); const q = u.searchParams; const cam = q.get('camera');"
                + " const ph = document.querySelector(`[data-timeline=\"${cam}\"] [data-playhead]`);"
                + " return fetch(location.origin + '/api/events?camera=' + encodeURIComponent(arguments[0])).then(r => r.json()).then(evs => {"
                + "   evs.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));"
                + "   const i = evs.findIndex(e => new URL(e.clip, location.origin).href === v.src);"
                + "   const start = Date.parse(q.get('start'));"
                + "   return [cam, i, new Date(start).toISOString(), new Date(start + Number(q.get('duration')) * 1000).toISOString(),"
                + "     ph ? ph.dataset.time : '', v.currentTime, v.webkitAudioDecodedByteCount].join('|'); })", camera));
        String[] f = r.split("\\|", -1);
        return new Playing(f[0], Integer.parseInt(f[1]), Instant.parse(f[2]), Instant.parse(f[3]),
                f[4].isEmpty() ? null : Instant.parse(f[4]), Double.parseDouble(f[5]), (long) Double.parseDouble(f[6]));
    }

    /**
     * A second alarm of door, of another source, after the first event is over (one within its post-roll
     * would extend it): next event plays its clip with the playhead there, previous event the first's again.
     */
    private void nextAndPreviousEvent(JavascriptExecutor js, int port, Playing first) throws Exception {
        Instant firstEnd = Instant.parse(String.valueOf(js.executeScript(
                "return fetch(location.origin + '/api/events?camera=door').then(r => r.json()).then(e => e[0].end)")));
        Await.until(Duration.ofSeconds(10), "the first event over", () -> Instant.now().isAfter(firstEnd.plusMillis(500)));
        raiseAlarm("INPUT1");
        Await.until(Duration.ofSeconds(10), "door's two events on its timeline and in the list",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).size() == 2
                        && driver.findElements(By.cssSelector("#event-list li")).size() == 2);
        String second = String.valueOf(js.executeScript(
                "return fetch(location.origin + '/api/events?camera=door').then(r => r.json()).then(e => e[1].clip)"));
        Await.until(Duration.ofSeconds(90), "the second alarm's clip recorded", () -> status(port, second) == 200);

        driver.findElement(By.id("next-event")).click();
        Await.until(Duration.ofSeconds(20), "the next event's clip playing, the playhead in it", () -> {
            Playing p = playing(js, "door");
            return p.event() == 1 && p.currentTime() > 0.5 && p.playhead() != null
                    && !p.playhead().isBefore(p.clipStart()) && !p.playhead().isAfter(p.clipEnd().plus(GOP_SLACK));
        });
        assertThat(playing(js, "door").clipStart()).as("a later clip").isAfter(first.clipStart());
        driver.findElement(By.id("prev-event")).click();
        Await.until(Duration.ofSeconds(20), "the previous event's clip playing again, the playhead back in it", () -> {
            Playing p = playing(js, "door");
            return p.event() == 0 && p.currentTime() > 0.5 && p.playhead() != null
                    && !p.playhead().isBefore(first.clipStart()) && !p.playhead().isAfter(first.clipEnd().plus(GOP_SLACK));
        });
        driver.findElement(By.id("prev-event")).click();
        assertThat(playing(js, "door").event()).as("no event before the first: it stays").isZero();
    }

    /**
     * An alarm on door's channel, once the NVR's alarm subscriptions are all there (each camera's session
     * subscribes after it connects, and again after a reconnect; an alarm raised before that reaches no one).
     */
    private void raiseAlarm(String source) throws Exception {
        Await.until(Duration.ofSeconds(20), "the NVR's alarm subscriptions",
                () -> camera.api().orElseThrow().alarms().subscribers() >= 3);
        HttpResponse<String> raised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + camera.api().orElseThrow().httpAddress().getPort() + "/api/alarm?channel=2&source=" + source))
                .header("Authorization", basic("admin:" + CAMERA_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raised.statusCode()).isEqualTo(200);
    }

    /** Clicks what {@code css} finds, found afresh until the click lands: a timeline is redrawn as its recording grows. */
    private void clickFresh(String css) {
        Await.until(Duration.ofSeconds(10), "a click on " + css, () -> {
            try {
                WebElement e = driver.findElement(By.cssSelector(css));
                driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
                e.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** A script expression: the grid's tile of {@code camera}. */
    private static String tileOf(String camera) {
        return "return [...document.querySelectorAll('#grid article.cam')].find(a => a.querySelector('.name').textContent === '" + camera + "')";
    }

    /**
     * With door's first alarm playing: the events list's filters, export links, storage, no resource from
     * elsewhere, day navigation and gaps' causes.
     */
    private void dashboardControls(JavascriptExecutor js, int port) throws Exception {
        // Filters: by camera (door's events only, none of front's) and by source (one of the two).
        int all = driver.findElements(By.cssSelector("#event-list li")).size();
        assertThat(all).isEqualTo(2);
        js.executeScript("const f = document.getElementById('filter-camera'); f.value = 'front'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).as("no event of front").isEmpty();
        js.executeScript("const f = document.getElementById('filter-camera'); f.value = 'door'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).hasSize(all);
        js.executeScript("const f = document.getElementById('filter-source'); f.value = 'INPUT1'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).as("INPUT1's event only").hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#event-list li")).getText()).contains("door").contains("INPUT1");
        js.executeScript("for (const id of ['filter-camera', 'filter-source']) { const f = document.getElementById(id); f.value = ''; f.dispatchEvent(new Event('change')); }");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).hasSize(all);

        // Export: the links name the playing clip's range, as MP4 and as Matroska.
        String mp4 = driver.findElement(By.id("export-mp4")).getAttribute("href");
        String mkv = driver.findElement(By.id("export-mkv")).getAttribute("href");
        assertThat(mp4).contains("camera=door").contains("format=mp4");
        assertThat(mkv).contains("camera=door").contains("format=mkv");
        assertThat(String.valueOf(js.executeScript("return Promise.all([arguments[0], arguments[1]].map(u => fetch(u)"
                + ".then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b.slice(0, 8))).join(',')))).then(a => a.join(';'))", mp4, mkv)))
                .as("an MP4 (ftyp) and a Matroska file (EBML)").matches("\\d+,\\d+,\\d+,\\d+,102,116,121,112;26,69,223,163,.*");

        // Export: choosing another range names it.
        js.executeScript("const d = document.getElementById('export-duration'); d.value = '7';"
                + " d.form.dispatchEvent(new Event('input', {bubbles: true}))");
        assertThat(driver.findElement(By.id("export-mp4")).getAttribute("href")).contains("duration=7").contains("format=mp4");
        assertThat(driver.findElement(By.id("export-mkv")).getAttribute("href")).contains("duration=7").contains("format=mkv");

        // Storage: used and left, per camera and in total.
        JsonNode storage = new ObjectMapper().readTree(get(port, "/api/storage").body());
        long perCamera = 0;
        Map<String, Long> used = new java.util.HashMap<>();
        for (JsonNode c : storage.get("cameras")) {
            perCamera += c.get("usedBytes").asLong();
            used.put(c.get("camera").asText(), c.get("usedBytes").asLong());
            assertThat(c.get("leftBytes").asLong()).as(c.get("camera") + " left").isPositive();
        }
        for (String name : List.of("front", "yard", "door")) {
            assertThat(used.get(name)).as(name + " used").isPositive();
        }
        assertThat(storage.get("usedBytes").asLong()).as("total used").isEqualTo(perCamera).isPositive();
        assertThat(storage.get("leftBytes").asLong()).as("total left").isPositive();
        Await.until(Duration.ofSeconds(20), "storage used and left in the header, in total and per camera",
                () -> driver.findElement(By.id("storage")).getText().matches("(?s)storage: .+ used, .+ left · front .+ left · yard .+ left · door .+ left.*"));

        // Offline on a LAN: everything the page loaded came from the NVR (no CDN).
        assertThat(String.valueOf(js.executeScript("return [...performance.getEntriesByType('resource').map(e => e.name),"
                + " ...[...document.querySelectorAll('script[src], link[href], img[src]')].map(e => e.src || e.href)]"
                + ".filter(u => !u.startsWith('data:') && new URL(u).origin !== location.origin).join(' ')")))
                .as("resources from elsewhere").isEmpty();
        // Light on a phone: the page's own HTML, scripts and stylesheet, as sent.
        double pageBytes = num(js.executeScript("return performance.getEntriesByType('navigation')[0].encodedBodySize"
                + " + performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/ui/'))"
                + ".reduce((n, e) => n + e.encodedBodySize, 0)"));
        System.out.printf("dashboard: page, scripts and stylesheet %.0f bytes%n", pageBytes);
        assertThat(pageBytes).as("the page's code, bytes").isPositive().isLessThan(100_000);

        // Day navigation: yesterday has nothing recorded; today again has door's spans, alarms and the gap.
        driver.findElement(By.id("prev-day")).click();
        Await.until(Duration.ofSeconds(5), "yesterday's empty timeline",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]")).isEmpty()
                        && driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).isEmpty());
        assertThat(driver.findElement(By.id("day")).getAttribute("value"))
                .isEqualTo(String.valueOf(js.executeScript("const d = new Date(); d.setDate(d.getDate() - 1);"
                        + " return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`")));
        driver.findElement(By.id("today")).click();
        js.executeScript("const z = document.getElementById('zoom'); z.value = ''; z.dispatchEvent(new Event('change'))");
        Await.until(Duration.ofSeconds(10), "today's spans again",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]")).isEmpty());
        Await.until(Duration.ofSeconds(10), "today's two alarms again",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).size() == 2);
        Await.until(Duration.ofSeconds(10), "door's gap on today's timeline",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-gap]")).isEmpty());
        // Read in one go: the timelines are redrawn as their recordings grow.
        List<?> gaps = (List<?>) js.executeScript("return [...document.querySelectorAll('[data-gap]')]"
                + ".map(g => g.closest('[data-timeline]').dataset.timeline + ' ' + g.title)");
        assertThat(gaps).as("door's gap").isNotEmpty();
        for (Object gap : gaps) {
            assertThat(String.valueOf(gap)).as("a gap says its cause on hover").matches("\\S+ gap .+: .+");
        }
        assertThat(gaps).as("door's gap, camera offline").anySatisfy(g -> assertThat(String.valueOf(g)).startsWith("door gap ").endsWith(": " + Gap.CAMERA_OFFLINE));
    }

    @Test
    void liveViewRefusedWithoutCredentials() throws Exception {
        int port = nvr.httpAddress().getPort();
        CompletableFuture<WebSocket> ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/live/front"), new WebSocket.Listener() { });
        assertThatThrownBy(() -> ws.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));
        assertThat(get(port, "/api/live/yard.mjpeg?token=0123456789abcdef0123456789abcdef", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/api/live/token", null).statusCode()).isEqualTo(401);
        for (String page : List.of("/", "/ui/app.js", "/api/cameras")) {
            assertThat(get(port, page, null).statusCode()).as(page + " without the NVR's account").isEqualTo(401);
        }
        assertThat(get(port, "/", "admin:wrong").statusCode()).as("the page with a wrong password").isEqualTo(401);
        assertThat(get(port, "/ui/app.js").statusCode()).isEqualTo(200);
        HttpResponse<String> token = get(port, "/api/live/token");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).matches("\\{\"token\":\"[0-9a-f]{32}\",\"expiresIn\":60}");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return get(port, path, "admin:admin");
    }

    private static HttpResponse<String> get(int port, String path, String account) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (account != null) {
            r.header("Authorization", basic(account));
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(int port, String path) {
        try {
            HttpResponse<String> r = get(port, path);
            if (r.statusCode() != 200) {
                System.out.println(path + ": " + r.statusCode() + " " + r.body().lines().findFirst().orElse("")
                        + " at " + java.time.Instant.now() + "; recorded: " + get(port, "/list?camera=door").body()
                        + "; whole first segment: " + get(port, "/get?camera=door&start=" + nvr.index().allSegments().stream()
                        .filter(x -> x.camera().equals("door")).findFirst().map(x -> x.start() + "&duration=2").orElse("")).statusCode());
            }
            return r.statusCode();
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    private static String basic(String account) {
        return "Basic " + Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
