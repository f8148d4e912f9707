package io.gscam.cli;

import java.io.UncheckedIOException;
import java.io.IOException;
import io.gscam.testkit.Await;
import io.gscam.client.CameraState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class NvrCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void helpNamesEveryOption() {
        CommandRun r = run("nvr", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--config", "--data", "--http-port", "--rtsp-port");
    }

    @Test
    void aBadConfigIsOneLineWithTheKeyAndLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("nvr.yaml");
        Files.writeString(yaml, "cameras:\n  front:\n    url: rtsp://admin:pw123@10.0.0.5/0\n    retain: 7 days\n");
        CommandRun r = run("nvr", "--config", yaml.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("gscam nvr: nvr.yaml line 4: cameras.front.retain: \"7 days\" is not a duration (500ms, 5s, 10m, 2h, 7d)");
        assertThat(r.err()).doesNotContain("pw123");
    }

    @Test
    void theDemoRecordsAnEmulatedCameraAndPrintsItsUrlsWithoutCredentials(@TempDir Path dir) throws Exception {
        NvrCommand command = new NvrCommand();
        new CommandLine(command).parseArgs("--data", dir.resolve("data").toString(), "--http-port", "0", "--rtsp-port", "0");
        StringWriter out = new StringWriter();
        try (NvrCommand.Running running = command.start(new PrintWriter(out, true))) {
            int port = running.nvr().httpAddress().getPort();
            assertThat(out.toString()).contains("demo: rtsp://admin:***@127.0.0.1:", "http://127.0.0.1:" + port + "/",
                            "relay     rtsp://127.0.0.1:" + running.nvr().rtspAddress().getPort() + "/NAME")
                    .doesNotContain("admin:admin");
            Await.until(Duration.ofSeconds(30), "the demo camera recorded", () -> recorded(running));
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/")).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("admin:admin".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("the dashboard").contains("<title>gscam nvr</title>", "/ui/app.js");
            HttpResponse<String> cameras = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/cameras")).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("admin:admin".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cameras.body()).as("the page's camera list").contains("\"name\":\"demo\"").doesNotContain("admin:admin");
        }
        assertThat(dir.resolve("data/index.db")).exists();
    }

    private static boolean recorded(NvrCommand.Running running) {
        try {
            return running.nvr().cameras().get(0).state() == CameraState.PLAYING
                    && (!running.nvr().index().allSegments().isEmpty() || running.nvr().cameras().get(0).recording());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
