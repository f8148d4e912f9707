package io.gscam.nvr;

import io.gscam.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.client.CameraState;
import io.gscam.nvr.index.Gap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A camera that goes away for a few seconds comes back PLAYING, with a camera-offline gap of about that length. */
class CameraOutageTest {
    @Test
    void aStoppedCameraBecomesAGapAndRecordingResumes(@TempDir Path data) throws Exception {
        try (RestartableCamera cam = RestartableCamera.start(data)) {
            Nvr nvr = cam.nvr();
            Instant stopped = cam.stopCamera(Duration.ofSeconds(4));
            cam.restartCamera();
            Instant restarted = Instant.now();
            Gap gap = Await.result(Duration.ofSeconds(30), "a camera-offline gap", () -> {
                List<Gap> gaps = nvr.index().gaps("cam", null, null);
                return gaps.stream().filter(g -> g.cause().equals(Gap.CAMERA_OFFLINE)).findFirst().orElse(null);
            });
            assertThat(cam.state()).isEqualTo(CameraState.PLAYING);
            Duration length = Duration.between(gap.start(), gap.end());
            Duration outage = Duration.between(stopped, restarted);
            assertThat(length).as("gap vs outage of %s", outage)
                    .isGreaterThanOrEqualTo(outage.minusMillis(500))
                    .isLessThanOrEqualTo(outage.plusSeconds(7)); // plus the reconnect back-off (at most 5 s) and PLAY
            assertThat(gap.start()).isBetween(stopped.minusSeconds(1), stopped.plusMillis(200));

            JsonNode gaps = new ObjectMapper().readTree(TestNvr.get(nvr, "/api/gaps?camera=cam").body());
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).get("cause").asText()).isEqualTo("camera-offline");
            assertThat(Instant.parse(gaps.get(0).get("start").asText())).isEqualTo(gap.start());

            // Recording goes on after the gap, and /list shows the gap as two spans.
            Await.result(Duration.ofSeconds(30), "a segment after the gap",
                    () -> nvr.index().segments("cam", gap.end(), null).stream().anyMatch(s -> !s.start().isBefore(gap.end())));
            JsonNode list = new ObjectMapper().readTree(TestNvr.get(nvr, "/list?camera=cam").body());
            assertThat(list).hasSize(2);
            JsonNode cameras = new ObjectMapper().readTree(TestNvr.get(nvr, "/api/cameras").body());
            assertThat(cameras.get(0).get("reconnects").asInt()).isGreaterThanOrEqualTo(1);
        }
    }
}
