package io.gscam.client.emulator;

import io.gscam.testkit.Await;
import io.gscam.camera.CameraServer;
import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.GsCamClient;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Using the client library" example, compiled here and run against the emulator; a
 * second test checks that the README shows exactly this code, so the two cannot drift apart.
 */
@Isolated("replaces System.out")
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/io/gscam/client/emulator/ReadmeExampleTest.java");
    private static final Path README = Path.of("../README.md");

    /** The README's example, between the markers, verbatim. */
    static void example(String url) throws Exception {
        // README-BEGIN
        try (GsCamClient client = GsCamClient.create();
             CameraSession camera = client.open(CameraOptions.builder(url) // rtsp://user:password@host:port/channel
                     .transport(Transport.TCP)
                     .alarmChannel(-1) // also subscribe to the camera's alarms, every channel
                     .build())) {
            StreamInfo info = camera.awaitPlaying(Duration.ofSeconds(10)); // throws CameraException: "401 Unauthorized", ...
            System.out.println("playing " + info.server() + " over " + info.transport());
            for (int i = 0; i < 100; i++) {
                CameraEvent event = camera.take(Duration.ofSeconds(1)); // null when nothing came within 1 s
                if (event instanceof VideoFrame frame) {
                    System.out.println("video " + frame.presentationTime().toMillis() + " ms " + frame.data().length
                            + " bytes" + (frame.keyframe() ? " keyframe" : ""));
                } else if (event instanceof AudioFrame frame) {
                    System.out.println("audio " + frame.codec() + " " + frame.data().length + " bytes");
                } else if (event instanceof AlarmEvent alarm) {
                    System.out.println("alarm " + alarm.source() + " on channel " + alarm.channel() + " at " + alarm.time());
                } else if (event instanceof StateChange change) {
                    System.out.println("state " + change); // RECONNECTING, PLAYING again, ...
                }
            }
        } // close() sends TEARDOWN
        // README-END
    }

    @Test
    void example_playsTheEmulatorsChannel0() throws Exception {
        try (CameraServer camera = new CameraServer(EmulatorTest.config().build())) {
            camera.start();
            String url = EmulatorTest.url(camera, EmulatorTest.USER + ":" + EmulatorTest.PASSWORD, 0);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = System.out;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                example(url);
            } finally {
                System.setOut(out);
            }
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).isEqualTo("playing GrandStream Rtsp Server 704*480*30*1024 over TCP");
            assertThat(lines).anyMatch(l -> l.matches("video 0 ms \\d+ bytes keyframe"));
            assertThat(lines).anyMatch(l -> l.equals("audio PCMU 160 bytes"));
            assertThat(lines.stream().filter(l -> l.startsWith("video ") || l.startsWith("audio "))).hasSizeGreaterThan(90);
            Await.until(Duration.ofSeconds(5), "TEARDOWN freed the session", () -> camera.sessions().openSessions() == 0);
        }
    }

    @Test
    void readme_showsThisExampleVerbatim() throws IOException {
        List<String> snippet = snippet(Files.readAllLines(SOURCE));
        String readme = Files.readString(README);
        assertThat(snippet).hasSizeGreaterThan(10);
        assertThat(readme).contains("```java\n" + String.join("\n", snippet) + "\n```");
    }

    /** The lines between the markers, with their common indentation removed. */
    private static List<String> snippet(List<String> source) {
        int begin = -1;
        int end = -1;
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).trim().equals("// README-BEGIN")) {
                begin = i + 1;
            } else if (source.get(i).trim().equals("// README-END")) {
                end = i;
            }
        }
        assertThat(begin).as("README-BEGIN marker").isPositive();
        List<String> lines = new ArrayList<>(source.subList(begin, end));
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
