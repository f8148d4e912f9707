package io.gscam.cli.bench;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gscam bench fanout} against the emulator on 127.0.0.1: a few readers, a short window. */
class FanoutCommandTest {
    private static CameraServer camera;

    @BeforeAll
    static void startCamera() throws Exception {
        camera = new CameraServer(CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).httpPort(0).rtspPort(0).build());
        camera.start();
    }

    @AfterAll
    static void stopCamera() {
        if (camera != null) {
            camera.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void fanout_threeReaders_allPlay_receiveData_andLeaveNoReaderBehind() {
        String url = "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/4";
        // 3 s, not 1: a reader starts at the next IDR (one a second), so a loaded machine can spend a
        // 1 s window in set-up and print 0.0 Mbit/s.
        Run r = run("bench", "fanout", url, "--readers", "3", "--seconds", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("readers           3 requested, 3 playing, 0 failed, 0 closed by the camera");
        Matcher delivered = Pattern.compile("delivered +([0-9.]+) Mbit/s").matcher(r.out());
        assertThat(delivered.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(delivered.group(1))).isPositive();
        assertThat(r.out()).containsPattern("loss +\\d+ packets").containsPattern("worst gap +\\d+ ms");
        assertThat(r.out()).doesNotContain("received nothing");
        // The bench tears its readers down: the camera is left with no session.
        io.gscam.server.session.SessionRegistry sessions = camera.sessions();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sessions.openSessions() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000L); // polling a condition with a deadline
        }
        assertThat(sessions.openSessions()).isZero();
    }

    @Test
    void fanout_wrongPassword_exitsNonZeroWithOneLine_withoutThePassword() {
        String url = "rtsp://admin:not-it@127.0.0.1:" + camera.rtspAddress().getPort() + "/4";
        Run r = run("bench", "fanout", url, "--readers", "2", "--seconds", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no reader could play").doesNotContain("not-it");
    }

    @Test
    void fanout_zeroReaders_isAParameterError() {
        Run r = run("bench", "fanout", "rtsp://127.0.0.1:1/0", "--readers", "0");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--readers");
    }
}
