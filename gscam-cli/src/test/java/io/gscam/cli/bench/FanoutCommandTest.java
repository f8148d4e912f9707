package io.gscam.cli.bench;

import io.gscam.cli.CommandRun;
import java.time.Duration;
import io.gscam.testkit.Await;
import io.gscam.cli.EmulatedCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gscam bench fanout} against the emulator on 127.0.0.1: a few readers, a short window. */
class FanoutCommandTest {
    @RegisterExtension
    static final EmulatedCamera emulator = new EmulatedCamera();

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void fanout_threeReaders_allPlay_receiveData_andLeaveNoReaderBehind() {
        String url = emulator.url("admin:admin", 4);
        // 3 s, not 1: a reader starts at the next IDR (one a second), so a loaded machine can spend a
        // 1 s window in set-up and print 0.0 Mbit/s.
        CommandRun r = run("bench", "fanout", url, "--readers", "3", "--seconds", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("readers           3 requested, 3 playing, 0 failed, 0 closed by the camera");
        Matcher delivered = Pattern.compile("delivered +([0-9.]+) Mbit/s").matcher(r.out());
        assertThat(delivered.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(delivered.group(1))).isPositive();
        assertThat(r.out()).containsPattern("loss +\\d+ packets").containsPattern("worst gap +\\d+ ms");
        assertThat(r.out()).doesNotContain("received nothing");
        // The bench tears its readers down: the camera is left with no session.
        io.gscam.server.session.SessionRegistry sessions = emulator.camera().sessions();
        Await.until(Duration.ofSeconds(10), "no session left at the camera", () -> sessions.openSessions() == 0);
        assertThat(sessions.openSessions()).isZero();
    }

    @Test
    void fanout_wrongPassword_exitsNonZeroWithOneLine_withoutThePassword() {
        String url = emulator.url("admin:not-it", 4);
        CommandRun r = run("bench", "fanout", url, "--readers", "2", "--seconds", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no reader could play").doesNotContain("not-it");
    }

    @Test
    void fanout_zeroReaders_isAParameterError() {
        CommandRun r = run("bench", "fanout", "rtsp://127.0.0.1:1/0", "--readers", "0");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--readers");
    }
}
