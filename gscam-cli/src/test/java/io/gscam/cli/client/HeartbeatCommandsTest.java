package io.gscam.cli.client;

import io.gscam.cli.CommandRun;
import java.util.concurrent.atomic.AtomicInteger;
import io.gscam.testkit.Await;
import io.gscam.cli.EmulatedCamera;
import io.gscam.server.mctp.MctpService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * probe and record register the Grandstream MCTP heartbeat with the emulator (a GrandStream server)
 * by default, as the spec's client application does, and not with {@code --no-heartbeat}. The
 * emulator's MCTP service counts the sessions a heartbeat vouches for while the command runs.
 */
class HeartbeatCommandsTest {
    @RegisterExtension
    static final EmulatedCamera emulator = new EmulatedCamera();

    @TempDir
    Path dir;

    private static String url() {
        return emulator.url("admin:admin", 0);
    }

    /** A command run, and the most heartbeats the camera had registered at once while it ran. */
    private record Watched(CommandRun run, int mostHeartbeats) {
    }

    private static Watched watch(String... args) throws Exception {
        MctpService mctp = emulator.camera().api().orElseThrow().mctpService();
        // The previous command's heartbeat goes when the camera sees its connection close.
        Await.until(Duration.ofSeconds(10), "no heartbeat left from an earlier command", () -> mctp.heartbeats() == 0);
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.of(args));
        AtomicInteger most = new AtomicInteger();
        // Each poll samples the heartbeats registered while the command runs.
        Await.until(Duration.ofSeconds(60), "the command to end: " + String.join(" ", args), () -> {
            most.accumulateAndGet(mctp.heartbeats(), Math::max);
            return run.isDone();
        });
        return new Watched(run.get(), most.get());
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
