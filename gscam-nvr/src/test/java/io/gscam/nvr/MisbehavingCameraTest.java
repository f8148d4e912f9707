package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.RecordMode;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.Segment;
import io.gscam.testkit.Await;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.ImpairedRelay;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cameras that misbehave mid-stream, played through an {@link ImpairedRelay} in front of the
 * emulator: garbage in the stream, a stream that stops while the connection stays open, a clock
 * that jumps by hours. Each ends in a recorded gap and a reconnect, or in a clean continuation
 * where nothing was lost; never in a stuck session, and every file the NVR wrote decodes cleanly.
 */
class MisbehavingCameraTest {
    @Test
    void garbageBetweenInterleavedFramesEndsInAGapAndAReconnect(@TempDir Path data) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        try (CameraServer camera = TestNvr.camera(0);
             ImpairedRelay relay = ImpairedRelay.start(camera.rtspAddress().getPort(), ImpairedRelay.Impairment.none());
             Nvr nvr = Nvr.start(TestNvr.config(data, through("cam", relay, Transport.TCP)), TestNvr.options(Duration.ofSeconds(2)))) {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments("cam", null, null).isEmpty());
            Instant garbage = Instant.now();
            relay.injectGarbage(1, 4000);
            Gap gap = Await.result(Duration.ofSeconds(40), "a camera-offline gap", () -> gap(nvr, Gap.CAMERA_OFFLINE));
            assertThat(gap.start()).isBetween(garbage.minusSeconds(2), garbage.plusSeconds(12));
            assertThat(nvr.cameras().get(0).statistics().reconnects()).isGreaterThanOrEqualTo(1);
            recordsAgainAfter(nvr, gap.end());
            everySegmentDecodes(nvr, data);
        }
    }

    @Test
    void garbageDatagramsAmongRtpAreIgnoredAndRecordingGoesOn(@TempDir Path data) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        try (CameraServer camera = TestNvr.camera(0);
             ImpairedRelay relay = ImpairedRelay.start(camera.rtspAddress().getPort(), ImpairedRelay.Impairment.none());
             Nvr nvr = Nvr.start(TestNvr.config(data, through("cam", relay, Transport.UDP)), TestNvr.options(Duration.ofSeconds(2)))) {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments("cam", null, null).isEmpty());
            Instant garbage = Instant.now();
            relay.injectGarbage(200, 200);
            Await.until(Duration.ofSeconds(30), "200 garbage datagrams sent", () -> relay.garbagePending() == 0);
            recordsAgainAfter(nvr, Instant.now().plusSeconds(2));
            assertThat(nvr.cameras().get(0).statistics().reconnects()).as("a clean continuation").isZero();
            assertThat(nvr.index().gaps("cam", garbage.minusSeconds(5), null)).as("nothing missing").isEmpty();
            everySegmentDecodes(nvr, data);
        }
    }

    @Test
    void aStreamThatStopsWithoutClosingEndsInAGapAndAReconnect(@TempDir Path data) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        try (CameraServer camera = TestNvr.camera(0);
             ImpairedRelay relay = ImpairedRelay.start(camera.rtspAddress().getPort(), ImpairedRelay.Impairment.none());
             Nvr nvr = Nvr.start(TestNvr.config(data, through("cam", relay, Transport.TCP)), TestNvr.options(Duration.ofSeconds(2)))) {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments("cam", null, null).isEmpty());
            Instant stopped = Instant.now();
            relay.stall(true);
            Await.until(Duration.ofSeconds(30), "the silence noticed (the client's media timeout)",
                    () -> nvr.cameras().get(0).state() != CameraState.PLAYING);
            relay.stall(false);
            Instant resumed = Instant.now();
            Gap gap = Await.result(Duration.ofSeconds(30), "a camera-offline gap", () -> gap(nvr, Gap.CAMERA_OFFLINE));
            assertThat(gap.start()).isBetween(stopped.minusSeconds(2), stopped.plusSeconds(1));
            assertThat(gap.end()).isAfter(resumed.minusSeconds(1));
            assertThat(nvr.cameras().get(0).statistics().reconnects()).isGreaterThanOrEqualTo(1);
            recordsAgainAfter(nvr, gap.end());
            everySegmentDecodes(nvr, data);
        }
    }

    @Test
    void aClockThatJumpsByHoursForwardAndBackIsRecordedOnWithSaneTimes(@TempDir Path data) throws Exception {
        Peers.assumeInstalled("ffmpeg", "ffprobe");
        Duration segment = Duration.ofSeconds(4);
        try (CameraServer camera = TestNvr.camera(0);
             ImpairedRelay relay = ImpairedRelay.start(camera.rtspAddress().getPort(), ImpairedRelay.Impairment.none());
             Nvr nvr = Nvr.start(TestNvr.config(data, through("cam", relay, Transport.UDP)), TestNvr.options(segment))) {
            Await.result(Duration.ofSeconds(30), "a segment", () -> !nvr.index().segments("cam", null, null).isEmpty());
            for (Duration jump : new Duration[]{Duration.ofHours(3), Duration.ZERO}) { // 3 h ahead, then 3 h back
                relay.jumpClock(jump);
                recordsAgainAfter(nvr, Instant.now().plusSeconds(1));
            }
            assertThat(nvr.cameras().get(0).statistics().reconnects()).as("a clean continuation").isZero();
            Instant now = Instant.now();
            for (Segment s : nvr.index().segments("cam", null, null)) {
                assertThat(s.start()).as(s.path()).isBetween(now.minusSeconds(120), now);
                assertThat(s.duration()).as(s.path()).isLessThan(segment.plusSeconds(3));
                Path file = data.resolve(s.path());
                double seconds = Double.parseDouble(Ffmpeg.videoStream(file).getOrDefault("duration", "0"));
                assertThat(seconds).as("%s media duration", s.path()).isLessThan(segment.getSeconds() + 3.0);
                assertThat(Ffmpeg.decodeErrors(file)).as(s.path()).isEmpty();
            }
        }
    }

    private static CameraSettings through(String name, ImpairedRelay relay, Transport transport) {
        return new CameraSettings(name, CameraUrl.parse("rtsp://admin:" + TestNvr.CAMERA_PASSWORD + "@127.0.0.1:" + relay.port() + "/0"),
                transport, RecordMode.CONTINUOUS, CameraSettings.DEFAULT_RETAIN, CameraSettings.DEFAULT_MAX_BYTES,
                Duration.ZERO, Duration.ZERO, OptionalInt.empty());
    }

    private static Gap gap(Nvr nvr, String cause) throws java.io.IOException {
        return nvr.index().gaps("cam", null, null).stream().filter(g -> g.cause().equals(cause)).findFirst().orElse(null);
    }

    /** Not stuck: a segment that starts at or after {@code after} gets indexed. */
    private static void recordsAgainAfter(Nvr nvr, Instant after) {
        Await.result(Duration.ofSeconds(30), "a segment starting after " + after, () -> nvr.index().segments("cam", after, null)
                .stream().anyMatch(s -> !s.start().isBefore(after)));
    }

    private static void everySegmentDecodes(Nvr nvr, Path data) throws java.io.IOException {
        List<Segment> segments = nvr.index().segments("cam", null, null);
        assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
        for (Segment s : segments) {
            assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).as(s.path()).isEmpty();
        }
    }
}
