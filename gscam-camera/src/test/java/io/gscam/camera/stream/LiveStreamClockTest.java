package io.gscam.camera.stream;

import io.gscam.testkit.ManualScheduler;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.camera.source.FrameRate;
import io.gscam.camera.source.MediaSource;
import io.gscam.camera.source.TimedSample;
import io.gscam.camera.source.TrackInfo;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NTP-to-RTP mapping a channel's tracks give sender reports and RTP-Info: one wall-clock
 * reference (the pacer's anchor) for every track, whatever the delivery jitter of each sample.
 */
class LiveStreamClockTest {
    private static final long MS = 1_000_000L;
    private static final MediaFormat VIDEO = new MediaFormat(MediaKind.VIDEO, 96, "TEST", 90_000, 1, Map.of());
    private static final MediaFormat AUDIO = new MediaFormat(MediaKind.AUDIO, 0, "PCMU", 8_000, 1, Map.of());

    /** Video at 25 fps and 20 ms audio blocks, in presentation order, from media time 0. */
    private static final class ScriptedSource implements MediaSource {
        final Deque<TimedSample> samples = new ArrayDeque<>();

        ScriptedSource(int millis) {
            List<TimedSample> all = new ArrayList<>();
            for (int t = 0; t < millis; t += 40) {
                all.add(new TimedSample(0, Duration.ofMillis(t), MediaSample.video(t * 90L, new byte[] {1}, t == 0)));
            }
            for (int t = 0; t < millis; t += 20) {
                all.add(new TimedSample(1, Duration.ofMillis(t), MediaSample.audio(t * 8L, new byte[160])));
            }
            all.sort((a, b) -> a.presentationTime().compareTo(b.presentationTime()));
            samples.addAll(all);
        }

        @Override
        public List<TrackInfo> tracks() {
            return List.of(TrackInfo.video(VIDEO, 704, 480, FrameRate.of(25), 1000), TrackInfo.audio(AUDIO, 64));
        }

        @Override
        public TimedSample next() {
            return samples.poll();
        }

        @Override
        public void close() {
        }
    }

    private final ManualScheduler scheduler = new ManualScheduler();

    {
        scheduler.jumpClock(Duration.ofSeconds(7)); // the monotonic clock's zero is arbitrary
    }

    private final ScriptedSource source = new ScriptedSource(200);
    private final LiveStream stream = new LiveStream(0, source,
            i -> sample -> List.of(new RtpPayload(sample.data(), true)),
            UnpooledByteBufAllocator.DEFAULT, scheduler, scheduler::nanos, new SplittableRandom(1));

    /** Runs the pacer's steps due by {@code nanos}, at that clock: a late executor thread delivering them. */
    private void runAt(long nanos) {
        scheduler.jumpClock(Duration.ofNanos(nanos - scheduler.nanos()));
        scheduler.runDue();
    }

    /** Each track's RTP timestamp offset: its RTP time before the stream starts. */
    private final long videoOffset = stream.track(0).rtpTimeAt(0);
    private final long audioOffset = stream.track(1).rtpTimeAt(0);

    /** Both tracks map {@code nowNanos} to media time {@code millis} ms (90 kHz video, 8 kHz audio). */
    private void assertMediaTimeAt(long nowNanos, long millis) {
        assertThat((stream.track(0).rtpTimeAt(nowNanos) - videoOffset) & 0xFFFFFFFFL).isEqualTo(millis * 90);
        assertThat((stream.track(1).rtpTimeAt(nowNanos) - audioOffset) & 0xFFFFFFFFL).isEqualTo(millis * 8);
    }

    @Test
    void rtpTimeAt_beforeTheFirstSample_isTheTrackOffset() {
        long offset = stream.track(1).rtpTimeAt(scheduler.nanos());
        assertThat(stream.track(1).rtpTimeAt(scheduler.nanos() + 500 * MS)).isEqualTo(offset);
    }

    @Test
    void rtpTimeAt_samplesDeliveredLate_bothTracksMapNowToTheSameMediaInstant() {
        long anchor = scheduler.nanos();
        stream.start();
        // video 0 and audio 0 on time (the anchor), then audio 20 ms three ms late, video and audio
        // 40 ms one ms late: each track's samples went out with their own jitter.
        runAt(anchor);
        runAt(anchor + 23 * MS);
        runAt(anchor + 41 * MS);
        assertMediaTimeAt(anchor + 50 * MS, 50);
    }

    @Test
    void rtpTimeAt_afterThePacerSkipsAhead_movesBothTracksTogether() {
        long anchor = scheduler.nanos();
        stream.start();
        runAt(anchor);
        // The executor stalls for two seconds: the pacer moves its anchor by the lag, media time
        // stays continuous, so at the stall's end media time 20 ms is due.
        runAt(anchor + 2_020 * MS);
        assertMediaTimeAt(anchor + 2_030 * MS, 30);
    }
}
