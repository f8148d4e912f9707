package io.gscam.media.container;

import com.sun.nio.file.ExtendedOpenOption;
import io.gscam.media.MediaSample;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The O_DIRECT output: whole blocks at block offsets, the rest kept until the next write or a flush,
 * which sends it padded with zeros; a sync or close cuts the zeros. And the fragmented MP4 writer on
 * it: every fragment padded to its block with a free box, so every byte goes out once.
 */
class DirectOutputTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IDR_AU = HEX.parseHex("00000001" + "6742c01e95a0b04b20" + "00000001" + "68ce3c80"
            + "00000001658884aa");

    /**
     * The block logic on any channel (an ordinary one, 512-byte blocks): after a write the file holds the
     * whole blocks of what was written; after a flush, all of it then zeros to a block; after a sync, exactly
     * what was written; at close, the same. Every write to the channel is whole blocks at a block offset.
     */
    @Test
    void writesWholeBlocks_flushSendsTheRestPadded_syncAndCloseCutThePadding(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out");
        SplittableRandom random = new SplittableRandom(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int block = 512;
        RecordingChannel channel = new RecordingChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ));
        try (ContainerOutput out = ContainerOutput.direct(channel.channel, new BlockBuffers(block))) {
            assertThat(out.blockSize()).isEqualTo(block);
            assertThat(out.seekable()).isFalse();
            for (int i = 0; i < 80; i++) {
                int size = i % 7 == 0 ? 0 : i % 11 == 0 ? 200_000 : random.nextInt(1, 3 * block);
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
                int written = expected.size();
                assertThat(out.position()).isEqualTo(written);
                byte[] onDisk = Files.readAllBytes(file);
                int flushed = i % 3 == 0 ? written : -1;
                if (i % 3 == 0) {
                    out.flush(i % 9 == 0);
                    onDisk = Files.readAllBytes(file);
                    int expectedLength = i % 9 == 0 ? written : (written + block - 1) / block * block;
                    assertThat(onDisk.length).as("after the flush of write %d", i).isEqualTo(expectedLength);
                    assertThat(Arrays.copyOfRange(onDisk, written, onDisk.length)).isEqualTo(new byte[onDisk.length - written]);
                } else {
                    // Whole blocks written; a tail flushed before may still be there, padded.
                    assertThat(onDisk.length).as("write %d", i).isGreaterThanOrEqualTo(written / block * block);
                }
                // What has gone out: everything after a flush, else the whole blocks (a partial one on disk
                // may be an earlier flush's, padded, until the next whole block or flush replaces it).
                int common = Math.min(onDisk.length, i % 3 == 0 ? written : written / block * block);
                assertThat(Arrays.copyOf(onDisk, common)).isEqualTo(Arrays.copyOf(expected.toByteArray(), common));
                assertThat(flushed).isIn(-1, written);
            }
            assertThatThrownBy(() -> out.patch(0, new byte[1])).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(channel.writes).isNotEmpty().allSatisfy(w -> {
            assertThat(w[0] % block).as("offset %d", w[0]).isZero();
            assertThat(w[1] % block).as("length %d", w[1]).isZero();
        });
    }

    /** A flush with nothing new after a flushed tail does not write the tail again; a second sync has no zeros to cut. */
    @Test
    void aTailIsSentOnceUntilItChanges(@TempDir Path dir) throws IOException {
        RecordingChannel channel = new RecordingChannel(FileChannel.open(dir.resolve("out"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ));
        try (ContainerOutput out = ContainerOutput.direct(channel.channel, new BlockBuffers(512))) {
            out.write(new byte[700], 0, 700);
            assertThat(channel.writes).hasSize(1);
            out.flush(false);
            out.flush(false);
            out.flush(true);
            assertThat(channel.writes).hasSize(2);
            assertThat(Files.size(dir.resolve("out"))).isEqualTo(700);
        }
        assertThat(channel.writes).hasSize(2);
        assertThat(Files.size(dir.resolve("out"))).isEqualTo(700);
    }

    /**
     * With the file system's real O_DIRECT: every fragment starts on a block boundary and is followed by
     * a free box up to the next; the samples are the ordinary writer's, in the same order; the file ends
     * with the mfra, no zeros after it; and the only bytes beyond the ordinary writer's are the padding.
     */
    @Test
    void fragmentedMp4WithODirect_padsEachFragmentToItsBlock_andHoldsTheOrdinaryWritersSamples(@TempDir Path dir)
            throws IOException {
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
        long fragments;
        try (FragmentedMp4Writer a = FragmentedMp4Writer.createDirect(channel, SyncPolicy.ON_CLOSE, new BlockBuffers(block));
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
            fragments = a.fragmentsWritten();
            assertThat(fragments).isEqualTo(b.fragmentsWritten()).isEqualTo(6); // the 7th at close
        }
        byte[] d = Files.readAllBytes(direct);
        byte[] o = Files.readAllBytes(ordinary);
        List<long[]> boxes = boxes(d);
        List<String> types = boxes.stream().map(x -> fourcc((int) x[2])).toList();
        assertThat(types.get(0)).isEqualTo("ftyp");
        assertThat(types.get(types.size() - 1)).isEqualTo("mfra");
        long padding = 0;
        for (int i = 0; i < boxes.size(); i++) {
            String t = types.get(i);
            long at = boxes.get(i)[0];
            if (t.equals("moof")) {
                assertThat(at % block).as("moof at %d", at).isZero();
                assertThat(types.get(i + 1)).isEqualTo("mdat");
            }
            if (t.equals("free")) {
                padding += boxes.get(i)[1];
                assertThat(types.get(i - 1)).isIn("moov", "mdat");
                assertThat((at + boxes.get(i)[1]) % block).isZero();
            }
        }
        assertThat(types.stream().filter("moof"::equals).count()).isEqualTo(7);
        assertThat(d.length - padding).as("every byte but the padding").isEqualTo(o.length);
        assertThat(mdats(d)).isEqualTo(mdats(o));
        assertThat(padding).isLessThan(8L * block);
    }

    /** {offset, size, type} of every top-level box; fails on a box that runs past the end or a size under 8. */
    private static List<long[]> boxes(byte[] d) {
        List<long[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(d);
        int at = 0;
        while (at < d.length) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            assertThat(size).as("box at %d", at).isBetween(8L, (long) d.length - at);
            out.add(new long[]{at, size, b.getInt(at + 4)});
            at += (int) size;
        }
        return out;
    }

    /** The mdat payloads, back to back. */
    private static byte[] mdats(byte[] d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long[] box : boxes(d)) {
            if (fourcc((int) box[2]).equals("mdat")) {
                out.write(d, (int) box[0] + 8, (int) box[1] - 8);
            }
        }
        return out.toByteArray();
    }

    private static String fourcc(int v) {
        return new String(ByteBuffer.allocate(4).putInt(v).array(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A file channel whose positional writes are recorded as {offset, length}. */
    private static final class RecordingChannel {
        final List<long[]> writes = new ArrayList<>();
        final FileChannel channel;

        RecordingChannel(FileChannel inner) {
            this.channel = new DelegatingFileChannel(inner) {
                @Override
                public int write(ByteBuffer src, long position) throws IOException {
                    writes.add(new long[]{position, src.remaining()});
                    return super.write(src, position);
                }
            };
        }
    }
}
