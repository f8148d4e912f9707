package io.gscam.media.container;

import com.sun.nio.file.ExtendedOpenOption;
import io.gscam.media.MediaSample;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The O_DIRECT output: whole blocks at block offsets, the partial last one written again, cut at a sync. */
class DirectOutputTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IDR_AU = HEX.parseHex("00000001" + "6742c01e95a0b04b20" + "00000001" + "68ce3c80"
            + "00000001658884aa");

    /**
     * On any channel the block logic is the same: after every write the file holds exactly the bytes
     * written, then zeros up to a block boundary; a sync cuts the zeros; close leaves the bytes alone.
     * Writes of 0 bytes to several blocks, past the first buffer's size, and head-and-body writes.
     */
    @Test
    void afterEveryWrite_theFileIsTheBytesThenZerosToABlock_andASyncCutsTheZeros(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out");
        SplittableRandom random = new SplittableRandom(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int block = 512;
        try (ContainerOutput out = ContainerOutput.direct(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), block)) {
            for (int i = 0; i < 60; i++) {
                int size = i % 7 == 0 ? 0 : i % 11 == 0 ? 40_000 : random.nextInt(1, 3 * block);
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                if (i % 5 == 0) {
                    byte[] head = new byte[random.nextInt(0, 100)];
                    random.nextBytes(head);
                    out.write(head, head.length, bytes);
                    expected.write(head, 0, head.length);
                } else {
                    out.write(bytes, 0, bytes.length);
                }
                expected.write(bytes, 0, bytes.length);
                byte[] onDisk = Files.readAllBytes(file);
                int written = expected.size();
                assertThat(out.position()).isEqualTo(written);
                assertThat(onDisk.length).as("write %d", i).isEqualTo((written + block - 1) / block * block);
                assertThat(Arrays.copyOf(onDisk, written)).isEqualTo(expected.toByteArray());
                assertThat(Arrays.copyOfRange(onDisk, written, onDisk.length)).containsOnly(0);
                if (i == 30) {
                    out.flush(true);
                    assertThat(Files.size(file)).isEqualTo(written);
                }
            }
            assertThatThrownBy(() -> out.patch(0, new byte[1])).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    /** With the file system's real O_DIRECT, a whole recording comes out byte for byte as the ordinary writer's. */
    @Test
    void fragmentedMp4WithODirect_isByteForByteTheOrdinaryWritersFile(@TempDir Path dir) throws IOException {
        int block = (int) Files.getFileStore(dir).getBlockSize();
        Path direct = dir.resolve("direct.mp4");
        FileChannel channel;
        try {
            channel = FileChannel.open(direct, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("the temporary directory's file system refuses O_DIRECT: " + e);
            return;
        }
        Path ordinary = dir.resolve("ordinary.mp4");
        try (FragmentedMp4Writer a = FragmentedMp4Writer.createDirect(channel, SyncPolicy.ON_CLOSE, block);
             FragmentedMp4Writer b = FragmentedMp4Writer.create(FileChannel.open(ordinary, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE), SyncPolicy.ON_CLOSE)) {
            int va = a.addTrack(Track.h264(320, 240, null, null));
            int vb = b.addTrack(Track.h264(320, 240, null, null));
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 200; i++) { // 30 fps, a keyframe a second: 7 fragments
                byte[] p = new byte[random.nextInt(5, 9000)];
                random.nextBytes(p);
                System.arraycopy(HEX.parseHex("0000000141"), 0, p, 0, 5);
                for (int k = 5; k < p.length; k++) {
                    p[k] = (byte) Math.max(2, p[k] & 0xFF); // no start code inside
                }
                MediaSample s = i % 30 == 0 ? MediaSample.video(i * 3000L, IDR_AU, true) : MediaSample.video(i * 3000L, p, false);
                a.writeSample(va, s);
                b.writeSample(vb, s);
            }
        }
        assertThat(Files.readAllBytes(direct)).isEqualTo(Files.readAllBytes(ordinary)).hasSizeGreaterThan(100_000);
    }
}
