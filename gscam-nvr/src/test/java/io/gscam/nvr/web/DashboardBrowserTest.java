package io.gscam.nvr.web;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraListener;
import io.gscam.client.VideoFrame;
import io.gscam.nvr.Nvr;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard in a real browser: Debian's chromium, headless, through its chromedriver (nothing
 * downloaded), against an NVR recording the emulator: "front" H.264 + G.726-32 (live audio as
 * FLAC), "yard" MJPEG, "door" H.264 + G.711 (its alarm's clip is played back; G.726 cameras record
 * to Matroska, which /get does not read back yet).
 */
@Isolated("a browser decoding live video, with a latency bound")
class DashboardBrowserTest {
    private static final String CAMERA_PASSWORD = DashboardFixture.CAMERA_PASSWORD;

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
        camera = fixture.camera;
        nvr = fixture.nvr;
        driver = fixture.driver;
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
        // door's frames, and so its live fragments' prft, carry the camera's capture time.
        AtomicReference<VideoFrame> doorFrame = new AtomicReference<>();
        try (LiveFeed.Subscription s = nvr.live().subscribe("door", new CameraListener() {
            @Override
            public void onVideo(VideoFrame frame) {
                doorFrame.set(frame);
            }
        })) {
            Await.until(Duration.ofSeconds(10), "a door frame with the camera's capture time",
                    () -> doorFrame.get() != null && doorFrame.get().captureTime().isPresent());
        }
        assertThat(Duration.between(doorFrame.get().captureTime().orElseThrow(), doorFrame.get().receivedAt()))
                .as("capture to arrival, by the camera's clock on this host (a sanity bound: a busy machine delays arrival)")
                .isBetween(Duration.ofSeconds(-1), Duration.ofSeconds(10));
        HttpResponse<String> cameras = get(port, "/api/cameras");
        assertThat(cameras.statusCode()).as("the API answers (and its JSON code is loaded)").isEqualTo(200);
        assertThat(cameras.body()).as("the server says how to show each camera live")
                .contains("\"live\":{\"kind\":\"mse\"").contains("\"live\":{\"kind\":\"mjpeg\"}");
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
        long audio0 = (long) num(js.executeScript("return " + video + ".webkitAudioDecodedByteCount"));
        // Sampled in the page every 200 ms for 5 s (the promise is awaited by chromedriver).
        List<?> sampled = (List<?>) js.executeScript("const v=" + video + "; return new Promise(done => { const s = [];"
                + " const t = setInterval(() => { s.push(v.dataset.latencyMs); if (s.length >= 25) { clearInterval(t); done(s); } }, 200); })");
        List<Double> latencies = new ArrayList<>();
        for (Object l : sampled) {
            assertThat(String.valueOf(l)).as("data-latency-ms is a number").matches("\\d+");
            latencies.add(Double.parseDouble(String.valueOf(l)));
        }
        long audio1 = (long) num(js.executeScript("return " + video + ".webkitAudioDecodedByteCount"));
        assertThat(audio1).as("audio decoded (FLAC from G.726)").isGreaterThan(audio0);
        latencies.sort(Double::compare);
        double median = latencies.get(latencies.size() / 2);
        System.out.printf("dashboard: first picture %.0f ms after navigation start; median data-latency-ms %.0f (%d samples, min %.0f, max %.0f)%n",
                firstPicture, median, latencies.size(), latencies.get(0), latencies.get(latencies.size() - 1));

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
        Await.until(Duration.ofSeconds(20), "the NVR's alarm subscriptions",
                () -> camera.api().orElseThrow().alarms().subscribers() >= 3);
        HttpResponse<String> raised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + camera.api().orElseThrow().httpAddress().getPort() + "/api/alarm?channel=2&source=MOTION"))
                .header("Authorization", basic("admin:" + CAMERA_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raised.statusCode()).isEqualTo(200);
        WebElement alarm = Await.value(Duration.ofSeconds(10), "an alarm on door's timeline",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).stream().findFirst());
        assertThat(driver.findElements(By.cssSelector("[data-timeline=\"front\"] [data-alarm]"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]"))).isNotEmpty();
        // The clip is playable once its segment is indexed (segments of 3 s here).
        String clip = String.valueOf(js.executeScript(
                "return fetch(location.origin + '/api/events?camera=door').then(r => r.json()).then(e => e[0].clip)"));
        Await.until(Duration.ofSeconds(40), "the alarm's clip recorded",
                () -> status(port, clip) == 200);
        // Zoomed to this hour, so that spans, gaps and the alarm are wide enough to see.
        js.executeScript("const z = document.getElementById('zoom'); z.value = String(new Date().getHours());"
                + " z.dispatchEvent(new Event('change'))");
        Await.until(Duration.ofSeconds(5), "the zoomed timeline",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).isEmpty());
        Files.copy(driver.findElement(By.cssSelector("[data-timeline=\"door\"]")).findElement(By.xpath("..")).getScreenshotAs(OutputType.FILE).toPath(),
                target.resolve("dashboard-timeline.png"), StandardCopyOption.REPLACE_EXISTING);
        // The timeline is redrawn every few seconds: find the marker afresh and click it at once.
        js.executeScript("document.querySelector('[data-timeline=\"door\"] [data-alarm]').scrollIntoView()");
        Await.until(Duration.ofSeconds(10), "a click on the alarm", () -> {
            try {
                driver.findElement(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        Await.until(Duration.ofSeconds(20), "the clip plays in <video data-playback>",
                () -> num(js.executeScript("return document.querySelector('video[data-playback]').currentTime")) > 0.5);
        Await.until(Duration.ofSeconds(5), "the playhead on door's timeline",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-playhead]")).isEmpty());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target.resolve("dashboard-playback.png"), StandardCopyOption.REPLACE_EXISTING);
        Await.until(Duration.ofSeconds(15), "the event's thumbnail in the events list", () -> num(js.executeScript(
                "const i = document.querySelector('#event-list li img'); return i && i.complete ? i.naturalWidth : 0")) > 0);

        dashboardControls(js, port);

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("no error in the browser console").isEmpty();
        // The goal is 500 ms (printed above; 290-700 ms here on an idle machine); the bound is what a
        // machine shared with other builds still meets, and what a live edge that drifts away fails.
        // Checked last, so that a machine too busy for it still gets the page's other checks run.
        assertThat(median).as("median capture-to-display latency on loopback").isLessThan(2500);
    }

    /**
     * With door's alarm playing: the events list's filters, export links, storage, day navigation, gaps' causes and the grid on a phone's width.
     */
    private void dashboardControls(JavascriptExecutor js, int port) throws Exception {
        // Filters: by camera (door's events only, none of front's) and by source.
        int all = driver.findElements(By.cssSelector("#event-list li")).size();
        js.executeScript("const f = document.getElementById('filter-camera'); f.value = 'front'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).as("no event of front").isEmpty();
        js.executeScript("const f = document.getElementById('filter-camera'); f.value = 'door'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).hasSize(all);
        js.executeScript("const f = document.getElementById('filter-source'); f.value = f.options[1].value; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).as("door's alarm's source").hasSize(all);
        js.executeScript("const f = document.getElementById('filter-source'); const o = document.createElement('option'); o.value = 'INPUT4';"
                + " f.append(o); f.value = 'INPUT4'; f.dispatchEvent(new Event('change'))");
        assertThat(driver.findElements(By.cssSelector("#event-list li"))).as("no event of another source").isEmpty();
        js.executeScript("for (const id of ['filter-camera', 'filter-source']) { const f = document.getElementById(id); f.value = ''; f.dispatchEvent(new Event('change')); }");

        // Export: the links name the playing clip's range, as MP4 and as Matroska.
        String mp4 = driver.findElement(By.id("export-mp4")).getAttribute("href");
        String mkv = driver.findElement(By.id("export-mkv")).getAttribute("href");
        assertThat(mp4).contains("camera=door").contains("format=mp4");
        assertThat(mkv).contains("camera=door").contains("format=mkv");
        assertThat(String.valueOf(js.executeScript("return Promise.all([arguments[0], arguments[1]].map(u => fetch(u)"
                + ".then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b.slice(0, 8))).join(',')))).then(a => a.join(';'))", mp4, mkv)))
                .as("an MP4 (ftyp) and a Matroska file (EBML)").matches("\\d+,\\d+,\\d+,\\d+,102,116,121,112;26,69,223,163,.*");

        assertThat(driver.findElement(By.id("storage")).getText()).as("storage used and left").matches("(?s).*used.*left.*");

        // Day navigation: yesterday has nothing recorded; today again has door's spans and alarms.
        driver.findElement(By.id("prev-day")).click();
        Await.until(Duration.ofSeconds(5), "yesterday's empty timeline",
                () -> driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]")).isEmpty());
        driver.findElement(By.id("today")).click();
        Await.until(Duration.ofSeconds(5), "today's timeline again",
                () -> !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-span]")).isEmpty()
                        && !driver.findElements(By.cssSelector("[data-timeline=\"door\"] [data-alarm]")).isEmpty());
        for (WebElement gap : driver.findElements(By.cssSelector("[data-gap]"))) {
            assertThat(gap.getAttribute("title")).as("a gap says its cause on hover").matches("gap .+: .+");
        }

        // Each tile: the camera's state and its rates, kept current from /api/cameras.
        String front = "return [...document.querySelectorAll('#grid article.cam')].find(a => a.querySelector('.name').textContent === 'front')";
        assertThat(String.valueOf(js.executeScript(front + ".querySelector('.state').textContent"))).isEqualTo("PLAYING");
        Await.until(Duration.ofSeconds(10), "front's fps and kbps", () -> String.valueOf(js.executeScript(front + ".querySelector('.stats').textContent"))
                .matches("[1-9][\\d.]* fps · [1-9][\\d.]* kbps · \\d+ lost.*"));

        // A phone's width: one column of cameras.
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Await.until(Duration.ofSeconds(5), "one column on a phone", () -> num(js.executeScript(
                "return getComputedStyle(document.getElementById('grid')).gridTemplateColumns.split(' ').length")) == 1);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1100));
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
