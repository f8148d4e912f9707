package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gscam.camera.CameraServer;
import io.gscam.camera.alarm.Alarm;
import io.gscam.camera.alarm.AlarmSource;
import io.gscam.client.CameraState;
import io.gscam.nvr.config.RecordMode;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.index.Segment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** record: events: an MCTP alarm becomes an event and a recording from the pre-roll to the post-roll. */
class EventRecordingTest {
    @Test
    void anAlarmRecordsPreRollToPostRoll(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffprobe") && Peers.installed("ffmpeg"), "ffmpeg/ffprobe not installed");
        Duration preRoll = Duration.ofSeconds(2);
        Duration postRoll = Duration.ofSeconds(2);
        try (CameraServer camera = TestNvr.camera(0);
             Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera).withRecord(RecordMode.EVENTS)
                     .withRolls(preRoll, postRoll)), TestNvr.options(Duration.ofSeconds(60)));
             EventBus.Subscription bus = nvr.events().subscribe(1024)) {
            Await.result(Duration.ofSeconds(20), "playing", () -> nvr.cameras().get(0).state() == CameraState.PLAYING);
            Await.result(Duration.ofSeconds(20), "the NVR's alarm subscription", () -> camera.api().orElseThrow().alarms().subscribers() > 0);
            Instant playing = Instant.now();
            Await.result(Duration.ofSeconds(10), "more than the pre-roll buffered",
                    () -> Duration.between(playing, Instant.now()).toMillis() > 4000);
            assertThat(nvr.index().allSegments()).as("nothing recorded before an alarm").isEmpty();

            Instant raised = Instant.now();
            camera.api().orElseThrow().alarms().publish(new Alarm(0, AlarmSource.MOTION, raised));
            NvrEvent.EventStarted started = Await.result(Duration.ofSeconds(10), "an event on the bus", () -> {
                NvrEvent e;
                while ((e = bus.take(Duration.ofMillis(10))) != null) {
                    if (e instanceof NvrEvent.EventStarted s) {
                        return s;
                    }
                }
                return null;
            });
            assertThat(started.event().source()).isEqualTo("MOTION");
            assertThat(started.event().channel()).isZero();
            Instant alarmAt = started.event().start();

            Segment seg = Await.result(Duration.ofSeconds(20), "the event's segment",
                    () -> nvr.index().allSegments().stream().findFirst().orElse(null));
            assertThat(seg.start()).as("from the GOP at or before alarm - preRoll")
                    .isBeforeOrEqualTo(alarmAt.minus(preRoll).plusMillis(100))
                    .isAfter(alarmAt.minus(preRoll).minusSeconds(4));
            assertThat(seg.end()).as("until the post-roll ends").isAfterOrEqualTo(alarmAt.plus(postRoll).minusMillis(200));
            assertThat(Ffmpeg.decodeErrors(data.resolve(seg.path()))).isEmpty();

            JsonNode events = new ObjectMapper().readTree(TestNvr.get(nvr, "/api/events?camera=cam").body());
            assertThat(events).hasSize(1);
            JsonNode e = events.get(0);
            assertThat(e.get("id").asLong()).isEqualTo(started.event().id());
            assertThat(e.get("camera").asText()).isEqualTo("cam");
            assertThat(e.get("source").asText()).isEqualTo("MOTION");
            assertThat(Instant.parse(e.get("end").asText())).isEqualTo(alarmAt.plus(postRoll));
            String clip = e.get("clip").asText();
            assertThat(clip).startsWith("/get?camera=cam&start=" + alarmAt.minus(preRoll).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            HttpResponse<byte[]> r = TestNvr.get(nvr, clip);
            assertThat(r.statusCode()).isEqualTo(200);
            Path file = data.resolve("event.mp4");
            Files.write(file, r.body());
            assertThat(Ffmpeg.videoStream(file)).containsEntry("codec_name", "h264");
            assertThat(Ffmpeg.decodeErrors(file)).isEmpty();

            NvrEvent ended = Await.result(Duration.ofSeconds(10), "the event's end on the bus", () -> {
                NvrEvent x;
                while ((x = bus.take(Duration.ofMillis(10))) != null) {
                    if (x instanceof NvrEvent.EventEnded) {
                        return x;
                    }
                }
                return null;
            });
            assertThat(((NvrEvent.EventEnded) ended).event().id()).isEqualTo(started.event().id());
            List<Segment> all = nvr.index().allSegments();
            assertThat(all).hasSize(1);
        }
    }
}
