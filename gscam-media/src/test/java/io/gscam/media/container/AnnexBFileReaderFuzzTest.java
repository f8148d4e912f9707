package io.gscam.media.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.media.h264.AnnexB;
import io.gscam.protocol.ParseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The .h264 file reader under arbitrary bytes, read in arbitrary chunk sizes. */
class AnnexBFileReaderFuzzTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The first byte is the most the stream returns per read (1 to 256), the rest the file. The reader
     * yields the access units it yields reading the file in one go, or fails the same way; units are
     * numbered in order, timed at 25 fps, never empty, keyframes exactly when they hold an IDR slice.
     */
    @FuzzTest
    void next_arbitraryBytesInChunks_yieldsWhatOneReadYields(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int chunk = (input[0] & 0xFF) + 1;
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        Object whole = readAll(new ByteArrayInputStream(file));
        Object split = readAll(new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        });
        assertThat(split).isEqualTo(whole);
        if (whole instanceof List<?> units) {
            for (int i = 0; i < units.size(); i++) {
                Unit u = (Unit) units.get(i);
                byte[] data = HEX.parseHex(u.annexB());
                assertThat(u.index()).isEqualTo(i);
                assertThat(u.time90k()).isEqualTo(i * 3600L);
                assertThat(data).isNotEmpty();
                assertThat(u.keyframe()).isEqualTo(AnnexB.containsIdr(AnnexB.split(data)));
            }
        }
    }

    /** An access unit with its bytes in hex, so that units compare by value. */
    private record Unit(long index, long time90k, String annexB, boolean keyframe) {
    }

    /** The units read, or the reason of the ParseException that ended the reading. */
    private static Object readAll(InputStream in) throws IOException {
        List<Unit> units = new ArrayList<>();
        try (AnnexBFileReader reader = new AnnexBFileReader(in, 25)) {
            for (AccessUnit au = reader.next(); au != null; au = reader.next()) {
                units.add(new Unit(au.index(), au.time90k(), HEX.formatHex(au.annexB()), au.keyframe()));
            }
        } catch (ParseException e) {
            assertThat(e.reason()).isNotBlank();
            return e.reason();
        }
        return units;
    }
}
