package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;

/** Damaged input either reads or raises ParseException, never another exception. */
class Mp4ReaderRobustnessTest {
    private static final byte[] TINY = load();

    private static byte[] load() {
        try (InputStream in = Mp4ReaderRobustnessTest.class.getResourceAsStream("tiny.mov")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A read-only channel over a byte array. */
    static final class ArrayChannel implements SeekableByteChannel {
        private final byte[] data;
        private long position;
        private boolean open = true;

        ArrayChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** Opens and reads every sample; returns the number read. */
    private static int readAll(byte[] file) throws IOException, ParseException {
        int n = 0;
        try (Mp4Reader reader = Mp4Reader.open(new ArrayChannel(file))) {
            for (Mp4Track t : reader.tracks()) {
                for (int i = 0; i < t.sampleCount(); i++) {
                    reader.readSample(t, i);
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void seed_readsVideoAndAudio() throws Exception {
        try (Mp4Reader reader = Mp4Reader.open(new ArrayChannel(TINY))) {
            assertThat(reader.firstTrack(MediaKind.VIDEO).sampleCount()).isEqualTo(5);
            assertThat(reader.firstTrack(MediaKind.VIDEO).keyframe(0)).isTrue();
            assertThat(reader.firstTrack(MediaKind.AUDIO).codec()).isEqualTo(TrackCodec.PCMU);
            assertThat(reader.firstTrack(MediaKind.AUDIO).totalDuration()).isEqualTo(8000);
        }
        assertThat(readAll(TINY)).isGreaterThan(5);
    }

    static Stream<Arguments> corruptions() {
        return Generators.arguments(300, r -> new Object[] {Generators.between(r, 0, 100_000), (byte) r.nextInt(256),
                Generators.between(r, 1, 8)});
    }

    /** The fixture with up to eight bytes changed: seeded, so plain test runs reach deep into the reader. */
    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("corruptions")
    void corruptedBytes_readOrRaiseParseException(int seedPosition, byte value, int count) {
        byte[] file = TINY.clone();
        for (int k = 0; k < count; k++) {
            file[(seedPosition + k * 7919) % file.length] ^= value == 0 ? 1 : value;
        }
        assertReadsOrParseException(file);
    }

    static Stream<Integer> cuts() {
        return Generators.cases(200, r -> Generators.between(r, 0, 100_000));
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("cuts")
    void truncatedFile_readsOrRaisesParseException(int cut) {
        assertReadsOrParseException(java.util.Arrays.copyOf(TINY, cut % (TINY.length + 1)));
    }

    @FuzzTest
    void arbitraryBytes_readOrRaiseParseException(byte[] bytes) {
        assertReadsOrParseException(bytes);
    }

    private static void assertReadsOrParseException(byte[] file) {
        try {
            readAll(file);
        } catch (ParseException expected) {
            checkNotBlank(expected.reason(), "reason");
        } catch (IOException e) {
            throw new AssertionError("an in-memory channel cannot fail: " + e, e);
        }
    }
}
