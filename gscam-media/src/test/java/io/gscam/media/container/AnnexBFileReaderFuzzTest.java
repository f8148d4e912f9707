package io.gscam.media.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.media.h264.AnnexB;
import io.gscam.protocol.ParseException;
import io.gscam.testkit.Generators;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkEqual;
import static io.gscam.testkit.FuzzChecks.checkNotBlank;

/** The .h264 file reader under arbitrary bytes, read in arbitrary chunk sizes. */
class AnnexBFileReaderFuzzTest {
    /**
     * The first byte is the most the stream returns per read (1 to 256), the rest the file. The reader
     * yields the access units it yields reading the file in one go, or fails the same way; units are
     * numbered in order, timed at 25 fps, never empty, keyframes exactly when they hold an IDR slice.
     */
    @FuzzTest
    void next_arbitraryBytesInChunks_yieldsWhatOneReadYields(byte[] input) throws IOException {
        Generators.Chunked in = Generators.chunked(input).orElse(null);
        if (in == null) {
            return;
        }
        int chunk = in.chunk();
        byte[] file = in.stream();
        Object whole = readAll(new ByteArrayInputStream(file));
        Object split = readAll(new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        });
        checkEqual(split, whole, "the units read in chunks");
        if (whole instanceof List<?> units) {
            for (int i = 0; i < units.size(); i++) {
                Unit u = (Unit) units.get(i);
                checkEqual(u.index(), (long) i, "a unit's index");
                checkEqual(u.time90k(), i * 3600L, "a unit's time");
                check(u.annexB().length > 0, "a unit is not empty");
                checkEqual(u.keyframe(), AnnexB.containsIdr(AnnexB.split(u.annexB())), "a unit's keyframe flag");
            }
        }
    }

    /** An access unit that compares by value (its bytes by content), so that two readings compare. */
    private record Unit(long index, long time90k, byte[] annexB, boolean keyframe) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Unit u && index == u.index && time90k == u.time90k && keyframe == u.keyframe
                    && Arrays.equals(annexB, u.annexB);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(index) * 31 + Arrays.hashCode(annexB);
        }

        @Override
        public String toString() {
            return "Unit[" + index + ", " + time90k + ", " + HexFormat.of().formatHex(annexB) + ", " + keyframe + "]";
        }
    }

    /** The units read, or the reason of the ParseException that ended the reading. */
    private static Object readAll(InputStream in) throws IOException {
        List<Unit> units = new ArrayList<>();
        try (AnnexBFileReader reader = new AnnexBFileReader(in, 25)) {
            for (AccessUnit au = reader.next(); au != null; au = reader.next()) {
                units.add(new Unit(au.index(), au.time90k(), au.annexB(), au.keyframe()));
            }
        } catch (ParseException e) {
            checkNotBlank(e.reason(), "reason");
            return e.reason();
        }
        return units;
    }
}
