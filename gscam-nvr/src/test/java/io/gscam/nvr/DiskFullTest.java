package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraServer;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.Segment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Free space below storage.minFreeBytes pauses recording (a disk-full gap) and leaves every file playable. */
class DiskFullTest {
    @Test
    void aFullDiskPausesRecordingWithAGap(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffmpeg"), "ffmpeg not installed");
        AtomicLong free = new AtomicLong(Long.MAX_VALUE / 2);
        try (CameraServer camera = TestNvr.camera(0);
             Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera))
                             .withStorage(new NvrConfig.Storage(50_000_000_000L, 1_000_000_000L)),
                     TestNvr.options(Duration.ofSeconds(1)).withDisk(free::get))) {
            Await.result(Duration.ofSeconds(30), "two segments", () -> nvr.index().segments("cam", null, null).size() >= 2);
            Instant full = Instant.now();
            free.set(0);
            Await.result(Duration.ofSeconds(10), "recording paused", () -> !nvr.cameras().get(0).recording());
            int during = nvr.index().segments("cam", null, null).size();
            Await.result(Duration.ofSeconds(10), "3 s of full disk", () -> Duration.between(full, Instant.now()).toMillis() > 3000);
            assertThat(nvr.index().segments("cam", full.plusSeconds(2), null)).as("nothing written while full").isEmpty();
            Instant freed = Instant.now();
            free.set(Long.MAX_VALUE / 2);
            Gap gap = Await.result(Duration.ofSeconds(15), "a disk-full gap", () -> nvr.index().gaps("cam", null, null).stream()
                    .filter(g -> g.cause().equals(Gap.DISK_FULL)).findFirst().orElse(null));
            assertThat(gap.start()).isBetween(full.minusSeconds(2), full.plusSeconds(2));
            assertThat(gap.end()).isBetween(freed.minusMillis(100), freed.plusSeconds(3));
            Await.result(Duration.ofSeconds(15), "recording again", () -> nvr.index().segments("cam", null, null).size() > during);
            for (Segment s : nvr.index().segments("cam", null, null)) {
                assertThat(Ffmpeg.decodeErrors(data.resolve(s.path()))).as(s.path()).isEmpty();
            }
        }
    }
}
