package io.gscam.media.container;

import io.gscam.media.MediaSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/**
 * Arrays handed from one fragmented MP4 writer to the next (an NVR camera's segments): each writer
 * writes exactly the file a writer with arrays of its own writes, whatever the one before left in
 * them (a fragment half built, a sample held back, a longer track list); and the writer that handed
 * them on cannot write into them again.
 */
class FragmentArraysTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPS = "6742c01e95a0b04b20";
    private static final String PPS = "68ce3c80";

    @Test
    void eachWriterOfSharedArrays_writesTheFileOfAWriterWithItsOwn(@TempDir Path dir) throws IOException {
        FragmentArrays shared = new FragmentArrays();
        SplittableRandom random = new SplittableRandom(11);
        for (int segment = 0; segment < 6; segment++) {
            long seed = random.nextLong();
            boolean audio = segment % 2 == 0; // the track list changes from segment to segment
            Path withShared = dir.resolve("shared-" + segment + ".mp4");
            Path withOwn = dir.resolve("own-" + segment + ".mp4");
            write(withShared, shared, seed, audio, true);
            write(withOwn, new FragmentArrays(), seed, audio, true);
            assertSameFile(withShared, withOwn);
            assertThat(Files.size(withShared)).isGreaterThan(10_000);
        }
    }

    @Test
    void aWriterLeftUnfinished_leavesNothingToTheNext(@TempDir Path dir) throws IOException {
        FragmentArrays shared = new FragmentArrays();
        write(dir.resolve("abandoned.mp4"), shared, 5, true, false); // samples held, a fragment half built
        write(dir.resolve("next.mp4"), shared, 6, false, true);
        write(dir.resolve("own.mp4"), new FragmentArrays(), 6, false, true);
        assertSameFile(dir.resolve("next.mp4"), dir.resolve("own.mp4"));
    }

    @Test
    void theWriterBefore_cannotWriteIntoArraysHandedOn(@TempDir Path dir) throws IOException {
        FragmentArrays shared = new FragmentArrays();
        try (FileChannel a = open(dir.resolve("a.mp4")); FileChannel b = open(dir.resolve("b.mp4"))) {
            FragmentedMp4Writer first = FragmentedMp4Writer.create(a, SyncPolicy.NEVER, shared);
            int v = first.addTrack(h264());
            first.writeSample(v, MediaSample.video(0, idr(new SplittableRandom(1)), true));
            FragmentedMp4Writer second = FragmentedMp4Writer.create(b, SyncPolicy.NEVER, shared);
            int v2 = second.addTrack(h264());
            second.writeSample(v2, MediaSample.video(0, idr(new SplittableRandom(2)), true));

            assertThatThrownBy(() -> first.writeSample(v, MediaSample.video(3000, new byte[]{0, 0, 0, 1, 0x41, 1}, false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("later writer");
            assertThatThrownBy(first::close).isInstanceOf(IllegalStateException.class);
            second.close();
        }
        assertThat(Files.size(dir.resolve("b.mp4"))).isGreaterThan(0);
    }

    private static void assertSameFile(Path actual, Path expected) throws IOException {
        byte[] a = Files.readAllBytes(actual);
        byte[] e = Files.readAllBytes(expected);
        assertThat(Arrays.mismatch(a, e)).as("first byte where %s (%d bytes) differs from %s (%d bytes)",
                actual.getFileName(), a.length, expected.getFileName(), e.length).isEqualTo(-1);
    }

    /**
     * Four GOPs of H.264 of random sizes from {@code seed} (with G.711 beside it when {@code audio}), then
     * a clean close, or, when not {@code finish}, the channel closed under the writer mid-GOP.
     */
    private static void write(Path file, FragmentArrays arrays, long seed, boolean audio, boolean finish)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        FileChannel channel = open(file);
        FragmentedMp4Writer w = FragmentedMp4Writer.create(channel, SyncPolicy.NEVER, arrays);
        int v = w.addTrack(h264());
        int a = audio ? w.addTrack(Track.pcmu(8000)) : -1;
        long ts = 90_000;
        int frames = finish ? 4 * 25 : 2 * 25 + 7;
        for (int i = 0; i < frames; i++) {
            boolean key = i % 25 == 0;
            byte[] au = key ? idr(random) : pFrame(random);
            w.writeSample(v, MediaSample.video(ts, au, key));
            if (a >= 0) {
                byte[] g711 = new byte[320];
                random.nextBytes(g711);
                w.writeSample(a, MediaSample.audio(i * 320L, g711));
            }
            ts += 3600;
        }
        if (finish) {
            w.close();
        } else {
            channel.close();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static Track h264() {
        return Track.h264(320, 240, HEX.parseHex(SPS), HEX.parseHex(PPS));
    }

    private static byte[] idr(SplittableRandom random) {
        byte[] slice = new byte[random.nextInt(2_000, 20_000)];
        random.nextBytes(slice);
        slice[0] = 0x65;
        return annexB(HEX.parseHex(SPS), HEX.parseHex(PPS), slice);
    }

    private static byte[] pFrame(SplittableRandom random) {
        byte[] slice = new byte[random.nextInt(50, 3_000)];
        random.nextBytes(slice);
        slice[0] = 0x41;
        return annexB(slice);
    }

    /** NAL units with 4-byte start codes; random payload bytes may hold a start code, so zeros are lifted. */
    private static byte[] annexB(byte[]... units) {
        int length = 0;
        for (byte[] u : units) {
            length += 4 + u.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] u : units) {
            out[at + 3] = 1;
            at += 4;
            for (byte b : u) {
                out[at++] = b == 0 ? 1 : b;
            }
        }
        return out;
    }
}
