package io.gscam.cli.client;

import io.gscam.camera.CameraServer;
import io.gscam.server.mctp.MctpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * probe and record register the Grandstream MCTP heartbeat with the emulator (a GrandStream server)
 * by default, as the spec's client application does, and not with {@code --no-heartbeat}. The
 * emulator's MCTP service counts the sessions a heartbeat vouches for while the command runs.
 */
class HeartbeatCommandsTest {
    private static CameraServer camera;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCamera() throws Exception {
        camera = TestCameras.start(0);
    }

    @AfterAll
    static void stopCamera() {
        if (camera != null) {
            camera.close();
        }
    }

    private static String url() {
        return "rtsp://admin:admin@127.0.0.1:" + camera.rtspAddress().getPort() + "/0";
    }

    /** A command run, and the most heartbeats the camera had registered at once while it ran. */
    private record Watched(CommandRun run, int mostHeartbeats) {
    }

    private static Watched watch(String... args) throws Exception {
        MctpService mctp = camera.api().orElseThrow().mctpService();
        long settled = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (mctp.heartbeats() != 0) { // the previous command's heartbeat goes when the camera sees its connection close
            if (System.nanoTime() > settled) {
                throw new AssertionError("a heartbeat from an earlier command is still registered after 10 s");
            }
            Thread.onSpinWait();
        }
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.of(args));
        int most = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!run.isDone()) {
            most = Math.max(most, mctp.heartbeats());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("command still running after 60 s: " + String.join(" ", args));
            }
            try {
                run.get(10, TimeUnit.MILLISECONDS); // paces the sampling; returns as soon as the command ends
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // sample again
            }
        }
        return new Watched(run.get(), most);
    }

    @Test
    void probe_byDefault_registersTheHeartbeatAndSaysItWasAccepted() throws Exception {
        Watched w = watch("probe", url(), "--measure", "1");

        assertThat(w.run().exitCode()).as(w.run().err()).isZero();
        assertThat(w.run().out()).contains("Heartbeat  accepted");
        assertThat(w.mostHeartbeats()).isEqualTo(1);
    }

    @Test
    void probe_json_saysTheHeartbeatWasAccepted() throws Exception {
        Watched w = watch("probe", "--json", url(), "--measure", "1");

        assertThat(w.run().exitCode()).as(w.run().err()).isZero();
        assertThat(w.run().out()).contains("\"heartbeat\":\"accepted\"");
    }

    @Test
    void probe_noHeartbeat_registersNothingAndSaysNotOpened() throws Exception {
        Watched w = watch("probe", url(), "--measure", "1", "--no-heartbeat");

        assertThat(w.run().exitCode()).as(w.run().err()).isZero();
        assertThat(w.run().out()).contains("Heartbeat  not opened");
        assertThat(w.mostHeartbeats()).isZero();
    }

    @Test
    void record_byDefault_registersTheHeartbeat_andNotWithNoHeartbeat() throws Exception {
        Watched on = watch("record", url(), "--out", dir.resolve("on.mkv").toString(), "--duration", "2");
        Watched off = watch("record", url(), "--out", dir.resolve("off.mkv").toString(), "--duration", "2", "--no-heartbeat");

        assertThat(on.run().exitCode()).as(on.run().err()).isZero();
        assertThat(on.mostHeartbeats()).isEqualTo(1);
        assertThat(off.run().exitCode()).as(off.run().err()).isZero();
        assertThat(off.mostHeartbeats()).isZero();
    }
}
