package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraState;
import io.gscam.testkit.Await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The outage tests' set-up: an NVR (2 s segments) recording one emulated camera, "cam", that the test
 * stops and starts again on the same port. Started, the NVR has written a first segment.
 */
final class RestartableCamera implements AutoCloseable {
    static final String NAME = "cam";

    private final Nvr nvr;
    private final int port;
    private CameraServer camera;

    private RestartableCamera(Nvr nvr, CameraServer camera) {
        this.nvr = nvr;
        this.camera = camera;
        this.port = camera.rtspAddress().getPort();
    }

    static RestartableCamera start(Path data) throws Exception {
        CameraServer camera = TestNvr.camera(0);
        Nvr nvr;
        try {
            nvr = Nvr.start(TestNvr.config(data, TestNvr.settings(NAME, camera)), TestNvr.options(Duration.ofSeconds(2)));
        } catch (Exception | Error e) {
            camera.close();
            throw e;
        }
        RestartableCamera fixture = new RestartableCamera(nvr, camera);
        try {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments(NAME, null, null).isEmpty());
        } catch (RuntimeException | Error e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    Nvr nvr() {
        return nvr;
    }

    CameraState state() {
        return nvr.cameras().get(0).state();
    }

    /** Stops the camera, waits until the NVR sees it gone, and then until {@code outage} has passed since it stopped. */
    Instant stopCamera(Duration outage) {
        Instant stopped = Instant.now();
        camera.close();
        Await.until(Duration.ofSeconds(20), "the camera seen as gone", () -> state() != CameraState.PLAYING);
        Await.until(outage.plusSeconds(5), outage + " of outage", () -> Duration.between(stopped, Instant.now()).compareTo(outage) >= 0);
        return stopped;
    }

    /** Starts the camera again on its port. */
    void restartCamera() throws Exception {
        camera = TestNvr.camera(port);
    }

    @Override
    public void close() {
        try {
            nvr.close();
        } finally {
            camera.close();
        }
    }
}
