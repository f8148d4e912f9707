package io.gscam.nvr;

import io.gscam.camera.CameraServer;
import io.gscam.client.CameraState;
import io.gscam.client.CameraStatistics;
import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.RecordMode;
import io.gscam.nvr.index.Segment;
import io.gscam.testkit.Await;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.ImpairedRelay;
import io.gscam.testkit.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NVR recording a camera over RTP/UDP through a relay that drops, reorders and duplicates
 * datagrams from a seed: the client counts the loss, video resumes at each next keyframe it
 * receives whole, and the recording holds, GOP by GOP, exactly what arrived usable: every GOP that
 * lost nothing whole, every other one up to its first loss, and every file decodes cleanly.
 */
class UdpImpairmentTest {
    @Test
    void atFivePercentLossWithReorderingEachNextKeyframeRestartsTheRecording(@TempDir Path data) throws Exception {
        // Channel 4 (256 kbit/s, 15 fps): at 5 % a GOP of channel 0's 90-odd packets would hardly ever come whole.
        recordThroughImpairment(data, new ImpairedRelay.Impairment(0.05, 0.05, 0.01, 5), 4, 20, 2, 6);
    }

    @Test
    void atHalfAPercentLossAMinuteHasEveryGopThatLostNothing(@TempDir Path data) throws Exception {
        recordThroughImpairment(data, new ImpairedRelay.Impairment(0.005, 0.02, 0.005, 42), 0, 60, 20, 30);
    }

    /**
     * Records {@code gops} GOPs (a second each) of {@code channel} through the impairment and checks
     * the recording GOP by GOP; at least {@code minWholeGops} must have lost nothing and at least
     * {@code minResumed} must have a keyframe that came usable, so the check has something to see.
     */
    private static void recordThroughImpairment(Path data, ImpairedRelay.Impairment impairment, int channel, int gops,
                                                int minWholeGops, int minResumed) throws Exception {
        Peers.assumeInstalled("ffmpeg", "ffprobe");
        List<Segment> segments;
        CameraStatistics stats;
        long dropped;
        long reordered;
        List<ImpairedRelay.RtpRecord> log;
        try (CameraServer camera = TestNvr.camera(0);
             ImpairedRelay relay = ImpairedRelay.start(camera.rtspAddress().getPort(), impairment)) {
            CameraSettings udp = new CameraSettings("cam", CameraUrl.parse("rtsp://admin:" + TestNvr.CAMERA_PASSWORD
                    + "@127.0.0.1:" + relay.port() + "/" + channel), Transport.UDP, RecordMode.CONTINUOUS, CameraSettings.DEFAULT_RETAIN,
                    CameraSettings.DEFAULT_MAX_BYTES, Duration.ZERO, Duration.ZERO, OptionalInt.empty());
            try (Nvr nvr = Nvr.start(TestNvr.config(data, udp), TestNvr.options(Duration.ofSeconds(20)))) {
                Await.until(Duration.ofSeconds(30), "playing over UDP", () -> nvr.cameras().get(0).state() == CameraState.PLAYING);
                Await.until(Duration.ofSeconds(gops + 60L), gops + " GOPs through the relay",
                        () -> RelayedVideo.gops(RelayedVideo.frames(relay.log())).size() >= gops + 1);
                assertThat(nvr.cameras().get(0).statistics().reconnects()).as("no reconnect: loss is not a lost camera").isZero();
                stats = nvr.cameras().get(0).statistics();
                dropped = relay.dropped();
                reordered = relay.reordered();
            }
            log = relay.log();
            try (var index = io.gscam.nvr.index.RecordingIndex.open(data)) {
                segments = index.segments("cam", null, null);
            }
        }
        assertThat(stats.packetsLost()).as("loss counted by the client (relay dropped %d, reordered %d)", dropped, reordered)
                .isBetween(dropped * 9 / 10, dropped + 10);
        assertThat(dropped).isPositive();
        assertThat(segments).isNotEmpty();
        for (Segment s : segments) {
            assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).as("%s decodes cleanly", s.path()).isEmpty();
        }

        List<RelayedVideo.Frame> frames = RelayedVideo.frames(log);
        Set<Long> recorded = RelayedVideo.recorded(data, segments, frames);
        assertThat(RelayedVideo.timestamps(frames)).as("the recording holds only frames the camera sent").containsAll(recorded);
        // The GOPs recorded from the first one to the one the NVR stopped in, that last one left out.
        List<List<RelayedVideo.Frame>> all = RelayedVideo.gops(frames);
        int first = 0;
        while (first < all.size() && all.get(first).stream().noneMatch(f -> recorded.contains(f.timestamp()))) {
            first++;
        }
        int last = all.size() - 1;
        while (last > first && all.get(last).stream().noneMatch(f -> recorded.contains(f.timestamp()))) {
            last--;
        }
        List<List<RelayedVideo.Frame>> checked = all.subList(first, last);
        assertThat(checked).as("GOPs recorded").hasSizeGreaterThanOrEqualTo(gops - 3);
        long whole = checked.stream().filter(g -> g.stream().allMatch(RelayedVideo.Frame::whole)).count();
        assertThat(whole).as("GOPs that lost nothing").isGreaterThanOrEqualTo(minWholeGops);
        long resumed = checked.stream().filter(g -> !RelayedVideo.deliverable(g).isEmpty()).count();
        assertThat(resumed).as("GOPs whose keyframe came usable").isGreaterThanOrEqualTo(minResumed);
        System.out.printf("UdpImpairmentTest %s: %d GOPs checked, %d whole, %d resumed at their keyframe;"
                        + " relay dropped %d, reordered %d; client lost %d, reordered %d, frames dropped %d%n", impairment,
                checked.size(), whole, resumed, dropped, reordered, stats.packetsLost(), stats.packetsReordered(), stats.framesDropped());
        // A datagram the relay passed can still be lost on a busy machine (the client's socket buffer,
        // or a reordered one the client gave up waiting for): each such loss, which the client counts
        // beyond the relay's drops, may cost the rest of one GOP; nothing else may.
        long lostBeyondRelay = Math.max(0, stats.packetsLost() - dropped);
        Map<Long, String> mismatches = RelayedVideo.mismatches(checked, recorded);
        assertThat(mismatches.values()).as("recorded frames are a prefix of the GOP").allMatch(m -> m.startsWith("cut short"));
        assertThat(mismatches.size()).as("GOPs (by keyframe RTP timestamp) recorded otherwise than they arrived: %s; %d GOPs,"
                + " %d whole, %d packets lost beyond the relay's drops", mismatches, checked.size(), whole, lostBeyondRelay)
                .isLessThanOrEqualTo((int) lostBeyondRelay);
    }
}
