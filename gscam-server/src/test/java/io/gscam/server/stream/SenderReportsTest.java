package io.gscam.server.stream;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.server.transport.PacketBatch;
import io.gscam.server.transport.PacketOutlet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a reader's sender reports go out, on an event loop whose time the test moves: a track's
 * first report as soon as it has sent something (a new reader waits for a keyframe, which may come
 * after any fixed first report), then one per interval.
 */
class SenderReportsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final List<Report> reports = new ArrayList<>();

    private record Report(int track, SenderReport sr) {
    }

    /** An outlet on the test's loop that keeps the reports it is given. */
    private final PacketOutlet outlet = new PacketOutlet() {
        @Override
        public EventExecutor executor() {
            return loop.eventLoop();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void write(PacketBatch batch) {
        }

        @Override
        public void writeRtcp(int track, ByteBuf packet) {
            try {
                reports.add(new Report(track, (SenderReport) RtcpCompound.parse(ByteBufUtil.getBytes(packet)).get(0)));
            } catch (ParseException e) {
                throw new AssertionError(e);
            } finally {
                packet.release();
            }
        }

        @Override
        public void flush() {
        }
    };

    private record Track(long ssrc) implements RtpTrackState {
        @Override
        public int nextSequence() {
            return 0;
        }

        @Override
        public long rtpTimeAt(long nowNanos) {
            return 0;
        }
    }

    private final PacketStream packets = new PacketStream(2, 0, () -> 0L);
    private final ServedStream stream = new ServedStream() {
        @Override
        public List<MediaDescription> mediaSections() {
            return List.of();
        }

        @Override
        public String serverHeader() {
            return "test";
        }

        @Override
        public List<? extends RtpTrackState> tracks() {
            return List.of(new Track(0x1111), new Track(0x2222));
        }

        @Override
        public PacketStream packets() {
            return packets;
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    private void advance(Duration d) {
        loop.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();
    }

    private static void deliver(StreamReader reader, int track, boolean key) {
        ByteBuf b = Unpooled.buffer(112).writeZero(112);
        PacketBatch batch = new PacketBatch(track, new ByteBuf[] {b}, new int[] {100}, key, UnpooledByteBufAllocator.DEFAULT);
        reader.deliver(batch);
        batch.release();
        b.release();
    }

    private List<Integer> reportedTracks() {
        return reports.stream().map(Report::track).toList();
    }

    @Test
    void firstReport_followsTheReadersFirstKeyframe_notTheNextInterval() {
        loop.freezeTime();
        StreamReader reader = new StreamReader("r", outlet, new boolean[] {true, true}, 0, 1_000_000);
        Runnable stop = new SenderReports(Instant::now, INTERVAL, "test").start(stream, reader);

        advance(Duration.ofMillis(1500));
        assertThat(reports).as("nothing sent yet: nothing to report").isEmpty();

        deliver(reader, 1, false); // audio before the first keyframe is not sent
        deliver(reader, 0, true);
        advance(SenderReports.FIRST_REPORT_POLL);
        assertThat(reportedTracks()).as("the video's first report at the next poll").containsExactly(0);

        deliver(reader, 1, false);
        advance(SenderReports.FIRST_REPORT_POLL);
        assertThat(reportedTracks()).as("the audio's, without repeating the video's").containsExactly(0, 1);
        assertThat(reports.get(0).sr().ssrc()).isEqualTo(0x1111);
        assertThat(reports.get(1).sr().ssrc()).isEqualTo(0x2222);
        assertThat(reports.get(1).sr().packetCount()).isEqualTo(1);

        advance(INTERVAL.minus(Duration.ofMillis(1)));
        assertThat(reports).as("then one round per interval").hasSize(2);
        advance(Duration.ofMillis(1));
        assertThat(reportedTracks()).containsExactly(0, 1, 0, 1);

        stop.run();
        advance(INTERVAL.multipliedBy(2));
        assertThat(reports).as("none after stop").hasSize(4);
    }

    @Test
    void aTrackThatNeverSends_endsThePollingAfterOneInterval() {
        loop.freezeTime();
        StreamReader reader = new StreamReader("r", outlet, new boolean[] {true, true}, 0, 1_000_000);
        new SenderReports(Instant::now, INTERVAL, "test").start(stream, reader);
        deliver(reader, 0, true);
        advance(SenderReports.FIRST_REPORT_POLL);
        assertThat(reportedTracks()).containsExactly(0);

        for (int i = 1; i < 50; i++) {
            advance(SenderReports.FIRST_REPORT_POLL);
        }
        assertThat(reportedTracks()).as("no video report while polling for the silent audio").containsExactly(0);
        advance(SenderReports.FIRST_REPORT_POLL.multipliedBy(2));
        assertThat(reportedTracks()).as("the regular round after one interval of polling").containsExactly(0, 0);
        advance(INTERVAL.minus(Duration.ofMillis(1)));
        assertThat(reportedTracks()).as("then one per interval").containsExactly(0, 0);
        advance(Duration.ofMillis(1));
        assertThat(reportedTracks()).containsExactly(0, 0, 0);
    }
}
