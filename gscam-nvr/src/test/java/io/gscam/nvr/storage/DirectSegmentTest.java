package io.gscam.nvr.storage;

import io.gscam.media.MediaSample;
import io.gscam.media.container.BlockBuffers;
import io.gscam.media.container.Track;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments written O_DIRECT: which ones {@link DirectWrites} sends that way, and that the free boxes
 * padding their fragments to blocks are read as part of the file, kept by a trim, and never mistaken
 * for the end of what is whole.
 */
class DirectSegmentTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPS = HEX.parseHex("6742c01e95a0b04b20");
    private static final byte[] PPS = HEX.parseHex("68ce3c80");
    private static final byte[] IDR = HEX.parseHex("00000001658884aa");

    @Test
    void autoWritesDirect_onlyAfterASegmentWhoseFragmentsAveragedEnoughBlocks(@TempDir Path dir) {
        DirectWrites auto = DirectWrites.forDirectory(dir, DirectWrites.Mode.AUTO);
        Assumptions.assumeTrue(auto.mode() == DirectWrites.Mode.AUTO, "no usable block size here");
        BlockBuffers buffers = DirectWrites.forDirectory(dir, DirectWrites.Mode.ALWAYS).buffersFor(0);
        long enough = (long) DirectWrites.MIN_BLOCKS_PER_FRAGMENT * buffers.blockSize();
        assertThat(auto.buffersFor(0)).as("a camera's first segment").isNull();
        assertThat(auto.buffersFor(enough - 1)).isNull();
        assertThat(auto.buffersFor(enough)).isNotNull();
        assertThat(DirectWrites.forDirectory(dir, DirectWrites.Mode.ALWAYS).buffersFor(0)).isNotNull();
        assertThat(DirectWrites.forDirectory(dir, DirectWrites.Mode.OFF).buffersFor(enough)).isNull();
        assertThat(DirectWrites.off().buffersFor(enough)).isNull();
        assertThat(enough).as("2 %% of padding at half a block a fragment").isEqualTo(25L * buffers.blockSize());
    }

    @Test
    void aDirectSegment_isWholeWithItsPadding_andACutAnywhereKeepsTheFragmentsBeforeIt(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(SegmentFilesForTests.takesODirect(dir), "the temporary directory refuses O_DIRECT");
        int block = (int) Files.getFileStore(dir).getBlockSize();
        Path file = dir.resolve("cam").resolve("20260105T101500.000Z.mp4");
        SegmentWriter w = SegmentWriter.create(file, List.of(Track.h264(320, 240, SPS, PPS)), new BlockBuffers(block));
        assertThat(w.direct()).isTrue();
        writeFrames(w, 7 * 30); // a keyframe a second: 7 fragments
        long mean = w.meanFragmentBytes();
        w.close();
        byte[] whole = Files.readAllBytes(file);
        Fragments f = scan(file);
        assertThat(f.fragments()).hasSize(7);
        assertThat(f.wholeEnd()).isEqualTo(whole.length);
        assertThat(f.fragments()).allSatisfy(x -> assertThat(x.offset() % block).isZero());
        assertThat(mean).isBetween(whole.length / 8L, whole.length / 6L);

        // Cut inside every kind of box: what is kept ends where the last box wholly before the cut ends.
        Path cutFile = dir.resolve("cut.mp4");
        for (Fragments.Fragment x : f.fragments().subList(1, f.fragments().size())) {
            long[] cuts = {x.offset() + 3, x.offset() + 100, (x.offset() + x.end()) / 2, x.end() + 4, x.end() + 9};
            for (long cut : cuts) {
                Files.write(cutFile, java.util.Arrays.copyOf(whole, (int) cut));
                Fragments c = scan(cutFile);
                long before = f.fragments().stream().filter(y -> y.end() <= cut).count();
                assertThat(c.fragments()).as("cut at %d", cut).hasSize((int) before);
                // The end of the last whole box: a fragment's mdat, or the free box after it (which ends where the next moof starts).
                long expected = 0;
                for (int j = 0; j < f.fragments().size(); j++) {
                    Fragments.Fragment y = f.fragments().get(j);
                    long padEnd = j + 1 < f.fragments().size() ? f.fragments().get(j + 1).offset() : -1;
                    expected = y.end() <= cut ? Math.max(expected, y.end()) : expected;
                    expected = padEnd > 0 && padEnd <= cut ? Math.max(expected, padEnd) : expected;
                }
                assertThat(c.wholeEnd()).as("cut at %d", cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void aSegmentLeftUnclosed_hasEveryFragmentWrittenOnDisk_andRecoveryIndexesThem(@TempDir Path data) throws IOException {
        Assumptions.assumeTrue(SegmentFilesForTests.takesODirect(data), "the temporary directory refuses O_DIRECT");
        int block = (int) Files.getFileStore(data).getBlockSize();
        SegmentFiles files = new SegmentFiles(data);
        Path file = files.file("cam", java.time.Instant.parse("2026-01-05T10:15:00Z"), "mp4");
        SegmentWriter w = SegmentWriter.create(file, List.of(Track.h264(320, 240, SPS, PPS)), new BlockBuffers(block));
        writeFrames(w, 3 * 30 + 10); // 3 fragments out, the 4th being gathered
        // As at kill -9: the process is gone, the writer never closed.
        Fragments f = scan(file);
        assertThat(f.fragments()).hasSize(3);
        assertThat(f.wholeEnd()).isEqualTo(Files.size(file)).isEqualTo(w.bytes());
        try (io.gscam.nvr.index.RecordingIndex index = io.gscam.nvr.index.RecordingIndex.open(data)) {
            var row = new SegmentRecovery(files, index).recover("cam", file);
            assertThat(row).isNotNull();
            assertThat(row.bytes()).isEqualTo(f.wholeEnd());
            assertThat(row.end()).isAfter(row.start().plusMillis(2900));
        }
        w.abandon();
    }

    /** 30 fps, a keyframe every 30 frames, P frames of random sizes without start codes inside. */
    private static void writeFrames(SegmentWriter w, int frames) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < frames; i++) {
            byte[] p = new byte[random.nextInt(5, 9000)];
            for (int k = 0; k < p.length; k++) {
                p[k] = (byte) random.nextInt(2, 256);
            }
            System.arraycopy(HEX.parseHex("0000000141"), 0, p, 0, 5);
            w.write(0, i % 30 == 0 ? MediaSample.video(i * 3000L, IDR, true) : MediaSample.video(i * 3000L, p, false));
        }
    }

    private static Fragments scan(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return Fragments.scan(ch);
        }
    }
}
