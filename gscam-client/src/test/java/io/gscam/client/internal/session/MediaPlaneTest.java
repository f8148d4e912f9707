package io.gscam.client.internal.session;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraException;
import io.gscam.client.HeartbeatStatus;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.client.internal.rtp.ReorderBuffer;
import io.gscam.client.internal.rtp.RtcpReceiver;
import io.gscam.media.MediaKind;
import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.mctp.MctpMessage;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The media plane without sockets: interleaved routing, receiver reports as $ frames, the watchdog on its tick. */
class MediaPlaneTest {
    private static final long S = 1_000_000_000L;

    private final List<AudioFrame> audio = new ArrayList<>();
    private final List<CameraException> lost = new ArrayList<>();
    private final List<byte[]> written = new ArrayList<>();
    private long now = 1;

    private final Playback.Owner owner = new Playback.Owner() {
        @Override
        public void onVideo(VideoFrame frame) {
        }

        @Override
        public void onAudio(AudioFrame frame) {
            audio.add(frame);
        }

        @Override
        public void onTrackChanged(TrackInfo track) {
        }

        @Override
        public void onAlarm(MctpMessage.Alarm alarm, String rawText) {
        }

        @Override
        public void onLoss(int trackIndex, long packetsLost, long framesDropped, long totalLost) {
        }

        @Override
        public void onHeartbeat(Playback playback, HeartbeatStatus status) {
        }

        @Override
        public void onPlaybackLost(Playback playback, CameraException cause) {
        }
    };

    private final MediaPlane plane = new MediaPlane(owner, () -> now,
            new MediaWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(10), () -> " over TCP"), lost::add);

    private MediaTrack pcmuTrack() {
        TrackInfo info = new TrackInfo(0, MediaKind.AUDIO, "PCMU", 0, 8000, 0, 0, 0, 0, 8000, 1, "c", true, Map.of());
        G711PayloadFormat pcmu = G711PayloadFormat.pcmu();
        return new MediaTrack(info, pcmu.mediaFormat(), pcmu, ReorderBuffer.inOrder(),
                new RtcpReceiver(0x11111111L, "gscam@test", 8000), Clock.systemUTC(), owner);
    }

    private static byte[] rtp(int seq) {
        return RtpPacket.builder().payloadType(0).sequenceNumber(seq).timestamp(seq * 160L).ssrc(0x2222)
                .payload(new byte[160]).build().toBytes();
    }

    @Test
    void onInterleaved_routesRtpByChannel_andIgnoresUnknownChannels() {
        plane.addInterleaved(pcmuTrack(), new ChannelPair(2, 3), written::add);

        plane.onInterleaved(new InterleavedFrame(2, rtp(1)));
        plane.onInterleaved(new InterleavedFrame(2, rtp(2)));
        plane.onInterleaved(new InterleavedFrame(7, rtp(3)));

        assertThat(audio).hasSize(2);
        assertThat(plane.tracks().get(0).packetsReceived()).isEqualTo(2);
    }

    @Test
    void tick_afterFiveSeconds_sendsAReceiverReportOnTheRtcpChannel() {
        plane.addInterleaved(pcmuTrack(), new ChannelPair(2, 3), written::add);
        plane.onInterleaved(new InterleavedFrame(2, rtp(1)));
        plane.playing(now);

        now += 5 * S;
        plane.onInterleaved(new InterleavedFrame(2, rtp(2)));
        plane.tick(now);

        assertThat(written).singleElement().satisfies(frame -> {
            assertThat(frame[0]).isEqualTo(InterleavedFrame.MAGIC);
            assertThat(frame[1]).isEqualTo((byte) 3);
            assertThat(frame[5] & 0xFF).as("RTCP packet type").isEqualTo(201); // RR
        });
        assertThat(lost).isEmpty();
    }

    @Test
    void tick_silentForTheMediaTimeout_losesThePlaybackOnce_andNothingFlowsAfterClose() {
        plane.addInterleaved(pcmuTrack(), new ChannelPair(0, 1), written::add);
        plane.playing(now);

        plane.tick(now + 10 * S - 1);
        assertThat(lost).isEmpty();
        plane.tick(now + 10 * S);

        assertThat(lost).singleElement().extracting(CameraException::getMessage).asString().endsWith(" over TCP");
        plane.close();
        plane.onInterleaved(new InterleavedFrame(0, rtp(1)));
        plane.tick(now + 20 * S);
        assertThat(audio).isEmpty();
        assertThat(lost).hasSize(1);
    }

    /** Records when each fixed-rate task was asked to start and how often, in nanoseconds. */
    private static final class RecordingLoop extends ScheduledThreadPoolExecutor {
        final List<long[]> fixedRates = new ArrayList<>();

        RecordingLoop() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            fixedRates.add(new long[]{unit.toNanos(initialDelay), unit.toNanos(period)});
            return super.scheduleAtFixedRate(command, initialDelay, period, unit);
        }
    }

    @Test
    void startTicking_sessionsStartedAtDifferentTimes_tickAtTheSameInstants() {
        long tick = MediaPlane.TICK.toNanos();
        RecordingLoop loop = new RecordingLoop();
        try {
            List<Long> firstTicks = new ArrayList<>();
            for (long start : new long[]{S + 37_000_000L, 5 * S + 123_456_789L, -3 * S - 11L, 7 * tick}) {
                now = start;
                MediaPlane p = new MediaPlane(owner, () -> now,
                        new MediaWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(10), () -> ""), lost::add);
                p.startTicking(loop);
                long[] asked = loop.fixedRates.get(loop.fixedRates.size() - 1);
                assertThat(asked[1]).isEqualTo(tick);
                assertThat(asked[0]).as("first tick of a session started at %d", start).isPositive().isLessThanOrEqualTo(tick);
                firstTicks.add(start + asked[0]);
                p.close();
            }
            assertThat(firstTicks).allSatisfy(t -> assertThat(Math.floorMod(t, tick)).isZero());
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void firstTickDelay_isTheWayToTheNextMultipleOfThePeriod_onEitherSideOfZero() {
        assertThat(MediaPlane.firstTickDelay(0, 200)).isEqualTo(200);
        assertThat(MediaPlane.firstTickDelay(1, 200)).isEqualTo(199);
        assertThat(MediaPlane.firstTickDelay(399, 200)).isEqualTo(1);
        assertThat(MediaPlane.firstTickDelay(-1, 200)).isEqualTo(1);
        assertThat(MediaPlane.firstTickDelay(-200, 200)).isEqualTo(200);
        assertThat(MediaPlane.firstTickDelay(Long.MIN_VALUE, 200)).isEqualTo(8); // -2^63 + 8 = -200 * 46116860184273879
    }
}
