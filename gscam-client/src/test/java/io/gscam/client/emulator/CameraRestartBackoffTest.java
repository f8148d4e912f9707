package io.gscam.client.emulator;

import io.gscam.camera.CameraServer;
import io.gscam.camera.LoopbackCamera;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraState;
import io.gscam.client.GsCamClient;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.StateChange;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera killed and restarted on the same port: the session is PLAYING again within 3 s of the
 * camera answering, also after an earlier outage that had grown the backoff, because the backoff
 * starts over at its initial delay once a play succeeded.
 */
class CameraRestartBackoffTest {
    private static final Duration WITHIN = Duration.ofSeconds(3);

    @Test
    void afterAPlayTheBackoffStartsOverSoARestartedCameraPlaysWithinThreeSeconds() throws Exception {
        CameraServer camera = LoopbackCamera.start(EmulatorTest.config().build());
        int port = camera.rtspAddress().getPort();
        EventLog log = new EventLog();
        try (GsCamClient client = GsCamClient.builder().ioThreads(1).build();
             CameraSession s = client.open(CameraOptions.builder(EmulatorTest.url(camera,
                             EmulatorTest.USER + ":" + EmulatorTest.PASSWORD, 0))
                     .reconnect(ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))).build(), log.listener())) {
            s.awaitPlaying(EmulatorTest.PLAY);

            // A long outage: three attempts fail (1, 2 and 4 s apart), the fourth would wait 8 s.
            int mark = log.size();
            camera.close();
            Await.until(Duration.ofSeconds(30), "the third attempt failed", () -> reconnecting(log, mark).stream()
                    .anyMatch(c -> c.attempt() == 4));
            camera = LoopbackCamera.start(EmulatorTest.config().rtspPort(port).build());
            log.awaitState(CameraState.PLAYING, mark, Duration.ofSeconds(20));

            // A short outage next: the first attempt comes after 1 s again, not after 8 s or more.
            for (int cycle = 0; cycle < 2; cycle++) {
                int lost = log.size();
                camera.close();
                log.awaitState(CameraState.RECONNECTING, lost, Duration.ofSeconds(15));
                StateChange first = reconnecting(log, lost).get(0);
                assertThat(first.attempt()).as("cycle %d: attempts count from 1 again", cycle).isEqualTo(1);
                assertThat(first.retryDelay()).as("cycle %d", cycle).isEqualTo(Duration.ofSeconds(1));
                camera = LoopbackCamera.start(EmulatorTest.config().rtspPort(port).build());
                long answering = System.nanoTime();
                log.awaitState(CameraState.PLAYING, lost, Duration.ofSeconds(10));
                Duration back = Duration.ofNanos(System.nanoTime() - answering);
                assertThat(back).as("cycle %d: PLAYING again after the camera answered", cycle).isLessThanOrEqualTo(WITHIN);
            }
            assertThat(s.statistics().reconnects()).isEqualTo(3);
        } finally {
            camera.close();
        }
    }

    private static List<StateChange> reconnecting(EventLog log, int from) {
        return log.since(from, StateChange.class).stream().filter(c -> c.state() == CameraState.RECONNECTING).toList();
    }
}
