package io.gscam.camera.source;

import io.gscam.testkit.Await;
import io.gscam.testkit.Ffmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FfmpegLiveH264SourceTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon());
    private final ExecutorService blocking = Executors.newCachedThreadPool(daemon());

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "ffmpeg-source-test");
            t.setDaemon(true);
            return t;
        };
    }

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
        blocking.shutdownNow();
    }

    @Test
    void start_producesDecodableKeyframesWithParameterSetsAndIncreasingTimes(@TempDir Path dir) throws Exception {
        assumeTrue(FfmpegLiveH264Source.findFfmpeg().isPresent(), "ffmpeg not installed");
        try (TestPatternRenderer renderer = new TestPatternRenderer(0, 176, 144, FrameRate.of(15));
             FfmpegLiveH264Source source = FfmpegLiveH264Source.start(renderer, FrameRate.of(15), 128,
                     InstantSource.system(), System::nanoTime, scheduler, blocking, Duration.ofSeconds(20))) {
            TrackInfo track = source.tracks().get(0);
            assertThat(track.encodingName()).isEqualTo("H264");
            assertThat(track.format().fmtpParameter("sprop-parameter-sets")).contains(",");
            assertThat(track.format().fmtpParameter("profile-level-id")).startsWith("42");
            assertThat(track.width()).isEqualTo(176);

            List<TimedSample> samples = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "two keyframes or a failure from the ffmpeg source", () -> {
                TimedSample s;
                while ((s = source.next()) != null) {
                    samples.add(s);
                }
                return samples.stream().filter(t -> t.sample().keyframe()).count() >= 2
                        || source.failure().isPresent();
            });

            assertThat(source.failure()).isEmpty();
            assertThat(samples.get(0).sample().keyframe()).isTrue();
            assertThat(NalUnits.types(samples.get(0).sample().data())).startsWith(7, 8).contains(5);
            List<TimedSample> keys = samples.stream().filter(t -> t.sample().keyframe()).toList();
            assertThat(keys).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(k -> assertThat(NalUnits.types(k.sample().data())).startsWith(7, 8).contains(5));
            Path file = dir.resolve("live.h264");
            try (OutputStream out = Files.newOutputStream(file)) {
                for (TimedSample t : samples) {
                    out.write(t.sample().data());
                }
            }
            Ffmpeg.Decoded decoded = Ffmpeg.decodeRaw(file, "h264");
            assertThat(decoded.errors()).isEmpty();
            assertThat(decoded.frames()).isEqualTo(samples.size());
            for (int i = 1; i < samples.size(); i++) {
                assertThat(samples.get(i).presentationTime()).isGreaterThan(samples.get(i - 1).presentationTime());
                assertThat(samples.get(i).sample().rtpTimestamp() % 6000).isZero(); // whole frames at 15 fps
                assertThat(NalUnits.types(samples.get(i).sample().data())).doesNotContain(9); // no delimiters
            }
        }
    }

    @Test
    void close_endsTheProcessAndTheSource() throws IOException {
        assumeTrue(FfmpegLiveH264Source.findFfmpeg().isPresent(), "ffmpeg not installed");
        TestPatternRenderer renderer = new TestPatternRenderer(0, 176, 144, FrameRate.of(15));
        FfmpegLiveH264Source source = FfmpegLiveH264Source.start(renderer, FrameRate.of(15), 128,
                InstantSource.system(), System::nanoTime, scheduler, blocking, Duration.ofSeconds(20));
        assertThat(source.isAlive()).isTrue();

        source.close();

        assertThat(source.isAlive()).isFalse();
        assertThat(source.next()).isNull();
        renderer.close();
    }

    @Test
    void start_missingExecutable_failsWithAClearMessage() {
        TestPatternRenderer renderer = new TestPatternRenderer(0, 176, 144, FrameRate.of(15));
        assertThatThrownBy(() -> FfmpegLiveH264Source.start(Path.of("/nonexistent/ffmpeg"), renderer, FrameRate.of(15), 128,
                InstantSource.system(), System::nanoTime, scheduler, blocking, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("/nonexistent/ffmpeg");
    }

    @Test
    void start_ffmpegRejectsItsArguments_failsWithFfmpegsOwnWords() {
        assumeTrue(FfmpegLiveH264Source.findFfmpeg().isPresent(), "ffmpeg not installed");
        TestPatternRenderer renderer = new TestPatternRenderer(0, 176, 144, FrameRate.of(15));
        // A bit rate ffmpeg cannot parse makes it exit at once.
        assertThatThrownBy(() -> FfmpegLiveH264Source.start(renderer, FrameRate.of(15), -5,
                InstantSource.system(), System::nanoTime, scheduler, blocking, Duration.ofSeconds(20)))
                .isInstanceOf(IOException.class).hasMessageContaining("ffmpeg");
    }

    @Test
    void command_asksForBaselineNoBFramesRepeatedHeadersAndDelimiters() {
        List<String> cmd = FfmpegLiveH264Source.command(Path.of("ffmpeg"), 704, 480, FrameRate.of(30), 1024);

        assertThat(String.join(" ", cmd)).contains("-s 704x480", "-framerate 30", "-pix_fmt bgr24", "-c:v libx264",
                "-tune zerolatency", "-bf 0", "-g 30", "-b:v 1024k", "repeat-headers=1:aud=1", "-f h264 pipe:1");
    }
}
