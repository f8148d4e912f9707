package io.gscam.nvr;

import io.gscam.client.CameraState;
import io.gscam.nvr.index.Gap;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera killed and restarted, after a long outage and after a short one: the NVR is PLAYING
 * again within 3 s of the camera answering (its backoff is capped at 2 s and starts over after each
 * play), and each outage is a camera-offline gap.
 */
class CameraRestartTest {
    @Test
    void aRestartedCameraIsPlayingWithinThreeSecondsOfAnswering(@TempDir Path data) throws Exception {
        try (RestartableCamera cam = RestartableCamera.start(data)) {
            Nvr nvr = cam.nvr();
            int outages = 0;
            for (Duration outage : new Duration[]{Duration.ofSeconds(9), Duration.ofSeconds(1)}) {
                cam.stopCamera(outage);
                cam.restartCamera();
                long answering = System.nanoTime();
                Await.until(Duration.ofSeconds(10), "PLAYING again", () -> cam.state() == CameraState.PLAYING);
                assertThat(Duration.ofNanos(System.nanoTime() - answering)).as("after an outage of %s", outage)
                        .isLessThanOrEqualTo(Duration.ofSeconds(3));
                // The gap is written with the first frame after it (a PLAY without frames leaves it open).
                int expected = ++outages;
                Await.result(Duration.ofSeconds(10), "outage " + expected + " recorded as a gap", () -> nvr.index()
                        .gaps("cam", null, null).stream().filter(g -> g.cause().equals(Gap.CAMERA_OFFLINE)).count() == expected);
            }
        }
    }
}
