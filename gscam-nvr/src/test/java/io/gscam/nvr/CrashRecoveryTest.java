package io.gscam.nvr;

import io.gscam.testkit.Peers;

import io.gscam.testkit.Ffmpeg;

import io.gscam.testkit.Await;

import io.gscam.camera.CameraServer;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.Fragments;
import io.gscam.nvr.storage.SegmentFilesForTests;
import io.gscam.nvr.storage.SegmentFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment a crash cut mid-fragment, without its index row, is trimmed to its last whole fragment,
 * indexed and playable at the next start, and the downtime is an nvr-stopped gap.
 */
class CrashRecoveryTest {
    /** Through the page cache and O_DIRECT (where the segment's fragments are padded to blocks with free boxes). */
    @ParameterizedTest
    @EnumSource(value = DirectWrites.Mode.class, names = {"OFF", "ALWAYS"})
    void aSegmentCutMidFragmentIsTrimmedIndexedAndPlayable(DirectWrites.Mode direct, @TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffprobe") && Peers.installed("ffmpeg"), "ffmpeg/ffprobe not installed");
        boolean odirect = direct == DirectWrites.Mode.ALWAYS && SegmentFilesForTests.takesODirect(data);
        Segment victim;
        try (CameraServer camera = TestNvr.camera(0)) {
            try (Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)),
                    TestNvr.options(Duration.ofSeconds(3)).withDirectWrites(direct))) {
                Await.result(Duration.ofSeconds(30), "two segments", () -> nvr.index().segments("cam", null, null).size() >= 2);
            }
            // As after a crash: the newest segment has no row and its last fragment is cut in half.
            try (RecordingIndex index = RecordingIndex.open(data)) {
                List<Segment> all = index.segments("cam", null, null);
                // The longest one (the last may be a stub cut by the clean stop).
                victim = all.stream().max(java.util.Comparator.comparingLong(Segment::bytes)).orElseThrow();
                index.deleteSegment(victim.id());
                // Media time may end a few ms past the wall clock (a burst at PLAY): the restart must come
                // after the last segment's end, or there is no downtime to record.
                Instant lastIndexedEnd = all.stream().map(Segment::end).max(Instant::compareTo).orElseThrow();
                Await.result(Duration.ofSeconds(5), "the wall clock past the last segment's end",
                        () -> Instant.now().isAfter(lastIndexedEnd.plusMillis(10)));
            }
            Path file = data.resolve(victim.path());
            assertThat(SegmentFilesForTests.fragmentsOnBlockBoundaries(file)).as("written O_DIRECT").isEqualTo(odirect);
            long cut;
            long cutFragment;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                Fragments f = Fragments.scan(ch);
                assertThat(f.fragments()).hasSizeGreaterThan(2);
                Fragments.Fragment last = f.fragments().get(f.fragments().size() - 1);
                cutFragment = last.offset();
                cut = last.offset() + (last.end() - last.offset()) / 2;
                ch.truncate(cut);
            }
            Fragments.Fragment keep;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                List<Fragments.Fragment> whole = Fragments.scan(ch).fragments();
                keep = whole.get(whole.size() - 1);
            }
            // As when media time ran ahead of the clock (a burst at PLAY): the file was last written
            // before its media's end. Its recovered end is when it was written, so the downtime's gap
            // starts before the restart.
            Instant written = SegmentFiles.startOf(file).orElseThrow().plusMillis(1500);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(written));
            Instant restart = Instant.now();
            try (Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)), TestNvr.options(Duration.ofSeconds(3)))) {
                // O_DIRECT: the free box padding the last whole fragment to its block is kept with it.
                long kept = odirect ? cutFragment : keep.end();
                assertThat(Files.size(file)).as("trimmed to the end of the last whole fragment").isEqualTo(kept);
                Segment recovered = nvr.index().segments("cam", null, null).stream()
                        .filter(s -> s.path().equals(victim.path())).findFirst().orElseThrow();
                assertThat(recovered.bytes()).isEqualTo(kept);
                assertThat(recovered.start()).isEqualTo(SegmentFiles.startOf(file).orElseThrow());
                // Media time may run a little past wall time where a burst at PLAY re-anchored the clock.
                assertThat(recovered.end()).isAfter(recovered.start()).isBefore(victim.end().plusMillis(500))
                        .isBeforeOrEqualTo(written);
                assertThat(recovered.codecs()).startsWith("H264 704x480");
                assertThat(Ffmpeg.videoStream(file)).containsEntry("codec_name", "h264");
                assertThat(Ffmpeg.decodeErrors(file)).isEmpty();

                Instant lastEnd = nvr.index().segments("cam", null, restart).stream().map(Segment::end)
                        .max(Instant::compareTo).orElseThrow();
                List<Gap> gaps = nvr.index().gaps("cam", null, null);
                assertThat(gaps).anySatisfy(g -> {
                    assertThat(g.cause()).isEqualTo(Gap.NVR_STOPPED);
                    assertThat(g.start()).isEqualTo(lastEnd);
                    assertThat(g.end()).isBetween(restart, Instant.now());
                });
            }
        }
    }

    /** A G.726 camera's Matroska segment cut mid-block is trimmed to its last whole block, indexed and decodable. */
    @Test
    void aMatroskaSegmentCutMidBlockIsTrimmedToItsLastWholeBlock(@TempDir Path data) throws Exception {
        Assumptions.assumeTrue(Peers.installed("ffmpeg"), "ffmpeg not installed");
        io.gscam.camera.CameraConfig.Builder b = io.gscam.camera.CameraConfig.defaults().toBuilder()
                .bindAddress(java.net.InetAddress.getLoopbackAddress()).account("admin", TestNvr.CAMERA_PASSWORD)
                .httpPort(0).rtspPort(0).udpRtpPort(0);
        b.channel(0, b.media(0).withAudio("g726-32"));
        try (CameraServer camera = new CameraServer(b.build())) {
            camera.start();
            Segment victim;
            try (Nvr nvr = Nvr.start(TestNvr.config(data, TestNvr.settings("cam", camera)), TestNvr.options(Duration.ofSeconds(3)))) {
                Await.result(Duration.ofSeconds(40), "two segments", () -> nvr.index().segments("cam", null, null).size() >= 2);
            }
            try (RecordingIndex index = RecordingIndex.open(data)) {
                victim = index.allSegments().stream().max(java.util.Comparator.comparingLong(Segment::bytes)).orElseThrow();
                index.deleteSegment(victim.id());
            }
            Path file = data.resolve(victim.path());
            assertThat(file.toString()).endsWith(".mkv");
            long cut = Files.size(file) * 2 / 3 + 7; // somewhere inside a block, most likely
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            try (Nvr nvr = Nvr.start(TestNvr.config(data), TestNvr.options(Duration.ofSeconds(3)))) {
                Segment recovered = nvr.index().segments("cam", null, null).stream()
                        .filter(s -> s.path().equals(victim.path())).findFirst().orElseThrow();
                assertThat(Files.size(file)).isEqualTo(recovered.bytes()).isLessThanOrEqualTo(cut).isGreaterThan(cut / 2);
                assertThat(recovered.end()).isAfter(recovered.start().plusMillis(500)).isBefore(victim.end().plusMillis(500));
                assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
            }
        }
    }

    @Test
    void aFileWithNothingWholeIsDeletedAndARowWithoutFileDropped(@TempDir Path data) throws Exception {
        SegmentFiles files = new SegmentFiles(data);
        Path stub = files.file("cam", Instant.parse("2026-01-05T10:00:00Z"), "mp4");
        Files.createDirectories(stub.getParent());
        Files.write(stub, new byte[]{0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o'}); // cut inside ftyp
        try (RecordingIndex index = RecordingIndex.open(data)) {
            index.addSegment("cam", "segments/cam/20260101T000000.000Z.mp4", Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-01-01T00:01:00Z"), 1000, "H264 704x480");
            List<Segment> recovered = new io.gscam.nvr.storage.SegmentRecovery(files, index).run();
            assertThat(recovered).isEmpty();
            assertThat(stub).doesNotExist();
            assertThat(index.allSegments()).isEmpty();
        }
    }
}
