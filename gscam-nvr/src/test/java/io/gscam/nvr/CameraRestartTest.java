package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraState;
import io.gscam.nvr.index.Gap;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera killed and restarted, after a long outage and after a short one: the NVR is PLAYING
 * again within 3 s of the camera answering (its backoff is capped at 2 s and starts over after each
 * play), and each outage is a camera-offline gap.
 */
class CameraRestartTest {
    @Test
    void aRestartedCameraIsPlayingWithinThreeSecondsOfAnswering(@TempDir Path data) throws Exception {
        CameraServer camera = TestNvr.camera(0);
        int port = camera.rtspAddress().getPort();
        try (Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)), TestNvr.options(Duration.ofSeconds(2)))) {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments("cam", null, null).isEmpty());
            int outages = 0;
            for (Duration outage : new Duration[]{Duration.ofSeconds(9), Duration.ofSeconds(1)}) {
                Instant killed = Instant.now();
                camera.close();
                Await.until(Duration.ofSeconds(20), "the camera seen as gone", () -> nvr.cameras().get(0).state() != CameraState.PLAYING);
                Await.until(outage.plusSeconds(5), outage + " of outage", () -> Duration.between(killed, Instant.now()).compareTo(outage) >= 0);
                camera = TestNvr.camera(port);
                long answering = System.nanoTime();
                Await.until(Duration.ofSeconds(10), "PLAYING again", () -> nvr.cameras().get(0).state() == CameraState.PLAYING);
                assertThat(Duration.ofNanos(System.nanoTime() - answering)).as("after an outage of %s", outage)
                        .isLessThanOrEqualTo(Duration.ofSeconds(3));
                // The gap is written with the first frame after it (a PLAY without frames leaves it open).
                int expected = ++outages;
                Await.result(Duration.ofSeconds(10), "outage " + expected + " recorded as a gap", () -> nvr.index()
                        .gaps("cam", null, null).stream().filter(g -> g.cause().equals(Gap.CAMERA_OFFLINE)).count() == expected);
            }
        } finally {
            camera.close();
        }
    }
}
