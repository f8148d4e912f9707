package io.gscam.nvr.record;

import io.gscam.client.CameraListener;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.DiskSpace;
import io.gscam.nvr.storage.Retention;
import io.gscam.nvr.storage.SegmentFiles;
import io.gscam.nvr.storage.SegmentRecovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The recorder fed synthetic MJPEG frames, as the client's I/O thread would, with a disk that stalls. */
class CameraRecorderTest {
    private static final StreamInfo INFO = new StreamInfo("rtsp://127.0.0.1/0", "test", "1", Duration.ofSeconds(60),
            Transport.TCP, List.of(new TrackInfo(0, MediaKind.VIDEO, "JPEG", 26, 90_000, 320, 240, 10, 0, 0, 0,
            "rtsp://127.0.0.1/0/track1", true, Map.of())));

    @Test
    void aStalledDiskDropsFramesUntilAKeyframeAsADroppedGapWhileTheLiveFeedGetsEveryFrame(@TempDir Path data) throws Exception {
        CountDownLatch diskStalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DiskSpace disk = () -> {
            diskStalled.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // the writer thread hangs on the disk
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Long.MAX_VALUE;
        };
        CameraSettings cam = CameraSettings.of("cam", CameraUrl.parse("rtsp://127.0.0.1/0"));
        SegmentFiles files = new SegmentFiles(data);
        try (RecordingIndex index = RecordingIndex.open(data); RecorderThreads writers = RecorderThreads.defaults()) {
            NvrConfig config = NvrConfig.defaults().withData(data).withCameras(List.of(cam));
            LiveFeeds live = new LiveFeeds();
            RecorderContext ctx = new RecorderContext(files, index, new SegmentRecovery(files, index),
                    new Retention(files, index, config, () -> Long.MAX_VALUE, Clock.systemUTC(), c -> 0), disk, 0,
                    new EventBus(), live, Clock.systemUTC(), Duration.ofSeconds(60), DirectWrites.off());
            CameraRecorder recorder = new CameraRecorder(cam, ctx, writers, 70);
            AtomicInteger liveFrames = new AtomicInteger();
            live.subscribe("cam", new CameraListener() {
                @Override
                public void onVideo(VideoFrame frame) {
                    liveFrames.incrementAndGet();
                }
            });
            recorder.start();
            recorder.onStateChange(StateChange.of(CameraState.PLAYING, "test"));
            recorder.onStreamInfo(INFO);
            Instant t0 = Instant.now().minusSeconds(60);
            int n = 0;
            recorder.onVideo(frame(n++, t0));
            assertThat(diskStalled.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                recorder.onVideo(frame(n++, t0)); // returns at once although the writer is stuck
            }
            assertThat(recorder.framesDropped()).as("the queue keeps 6 media items besides the control reserve").isGreaterThan(90);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<Gap> gaps;
            while ((gaps = index.gaps("cam", null, null)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    fail("no dropped gap within 10 s");
                }
                recorder.onVideo(frame(n++, t0)); // every JPEG is a keyframe: the next one ends the drop
                Thread.sleep(20); // pacing the synthetic camera; the deadline decides
            }
            // One gap, or more on a busy machine: a frame every 20 ms fills the 6-item queue again when a
            // 100 ms writer tick comes late, and that drop is a gap of its own.
            assertThat(gaps).isNotEmpty().allSatisfy(g -> {
                assertThat(g.cause()).isEqualTo(Gap.DROPPED);
                assertThat(g.start()).isBefore(g.end());
            });
            recorder.close();
            assertThat(liveFrames.get()).isEqualTo(n);
            List<Segment> segments = index.segments("cam", null, null);
            assertThat(segments).as("the segment before the drop and the one after").hasSize(2);
            assertThat(segments.get(0).end()).isBeforeOrEqualTo(gaps.get(0).start().plusMillis(100));
            assertThat(segments.get(1).start()).isAfterOrEqualTo(gaps.get(0).end().minusMillis(1));
            assertThat(segments.get(0).codecs()).isEqualTo("MJPEG 320x240");
        }
    }

    private static VideoFrame frame(int i, Instant t0) {
        Duration pts = Duration.ofMillis(100L * i);
        return new VideoFrame(0, "JPEG", 9000L * i, pts, t0.plus(pts), true, new byte[2000], List.of());
    }
}
