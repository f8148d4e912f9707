package io.gscam.nvr.web;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import io.gscam.nvr.Nvr;
import io.gscam.nvr.NvrOptions;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Level;

/**
 * What the dashboard's browser test and bench run against: the emulator ("front" H.264 + G.726-32,
 * "yard" MJPEG, "door" H.264 + G.711 over UDP), an NVR recording it, and Debian's chromium, headless,
 * through its chromedriver (nothing downloaded; skipped with the reason when either is missing).
 * A fourth camera, "gate", is at a port where nothing listens (a socket bound there, not listening,
 * holds it): it never plays, RECONNECTING with "connection refused" as the reason.
 */
record DashboardFixture(CameraServer camera, Nvr nvr, ChromeDriver driver, Socket gatePort) implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String CAMERA_PASSWORD = "cam-secret-42";
    /** The camera that never plays. */
    static final String GATE = "gate";

    static DashboardFixture start(Path data, Path profile) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed (apt-get install chromium)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver not installed (apt-get install chromium-driver)");
        CameraConfig.Builder c = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).account("admin", CAMERA_PASSWORD)
                .httpPort(0).rtspPort(0).udpRtpPort(0);
        c.channel(0, c.media(0).withVideo("h264").withAudio("g726-32"));
        c.channel(1, c.media(1).withVideo("mjpeg").withAudio("none"));
        c.channel(2, c.media(2).withVideo("h264").withAudio("pcmu"));
        CameraServer camera = new CameraServer(c.build());
        Nvr nvr = null;
        Socket gatePort = new Socket();
        try {
            gatePort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            camera.start();
            NvrConfig config = NvrConfig.defaults().withData(data).withHttpPort(0).withRtspPort(0)
                    .withStorage(new NvrConfig.Storage(50_000_000_000L, 0))
                    .withCameras(List.of(cam(camera, "front", 0), cam(camera, "yard", 1), cam(camera, "door", 2), gate(gatePort.getLocalPort())));
            nvr = Nvr.start(config, NvrOptions.defaults().withSegmentDuration(Duration.ofSeconds(3))
                    .withBindAddress(InetAddress.getLoopbackAddress()));

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toFile());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1100",
                    "--user-data-dir=" + profile.toAbsolutePath());
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            o.setCapability("goog:loggingPrefs", logs);
            return new DashboardFixture(camera, nvr, new ChromeDriver(service, o), gatePort);
        } catch (Exception | Error e) {
            if (nvr != null) {
                nvr.close();
            }
            camera.close();
            gatePort.close();
            throw e;
        }
    }

    /** The camera on channel {@code ch}, its alarms only. */
    private static CameraSettings cam(CameraServer camera, String name, int ch) {
        CameraSettings s = CameraSettings.of(name, CameraUrl.parse("rtsp://admin:" + CAMERA_PASSWORD + "@127.0.0.1:"
                + camera.rtspAddress().getPort() + "/" + ch));
        // "door" over UDP: its live view carries the camera's capture time too (sender reports on its RTCP port).
        return new CameraSettings(s.name(), s.url(), ch == 2 ? Transport.UDP : s.transport(), s.record(), s.retain(), s.maxBytes(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), OptionalInt.of(ch));
    }

    /** A camera that never plays: nothing listens at {@code port} (refused, retried), no alarm subscription. */
    private static CameraSettings gate(int port) {
        CameraSettings s = CameraSettings.of(GATE, CameraUrl.parse("rtsp://admin:" + CAMERA_PASSWORD + "@127.0.0.1:" + port + "/0"));
        return new CameraSettings(s.name(), s.url(), s.transport(), s.record(), s.retain(), s.maxBytes(),
                s.preRoll(), s.postRoll(), OptionalInt.empty());
    }

    /** The NVR plays every camera (but gate) and has closed a segment of each, as an NVR that has been running has. */
    void awaitRecordingEveryCamera() {
        Await.until(Duration.ofSeconds(20), "the NVR plays every camera but gate",
                () -> nvr.cameras().stream().filter(c -> !c.settings().name().equals(GATE)).allMatch(c -> c.state() == CameraState.PLAYING));
        Await.until(Duration.ofSeconds(60), "a segment of every camera", () -> segmentsOfEveryCamera() >= 3);
    }

    long segmentsOfEveryCamera() {
        try {
            return nvr.index().allSegments().stream().map(x -> x.camera()).distinct().count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The dashboard's URL, with the NVR's account. */
    String page() {
        return "http://admin:admin@127.0.0.1:" + nvr.httpAddress().getPort() + "/";
    }

    @Override
    public void close() {
        try {
            // What the page said, for a failure's diagnosis (the test asserts on SEVERE entries itself).
            driver.manage().logs().get(LogType.BROWSER).getAll().forEach(e -> System.out.println("browser: " + e));
        } catch (RuntimeException e) {
            System.out.println("browser log unavailable: " + e);
        }
        driver.quit();
        nvr.close();
        camera.close();
        try {
            gatePort.close();
        } catch (IOException e) {
            System.out.println("gate's port: " + e);
        }
    }
}
