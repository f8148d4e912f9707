package io.gscam.media.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Matroska reader (the NVR's segments, recovery and /get) under arbitrary bytes. */
class MatroskaReaderFuzzTest {

    /**
     * A file parses or raises ParseException; every block it reports lies inside the file and its payload
     * can be read; every track converts to a {@link Track} (or null for a codec gscam does not carry) or
     * raises ParseException, never another exception.
     */
    @FuzzTest
    void parse_arbitraryBytes_blocksInsideTheFileAndTracksConvertOrRaiseParseException(byte[] file) {
        MatroskaReader reader;
        try {
            reader = MatroskaReader.parse(file);
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
            return;
        }
        for (MatroskaReader.Block b : reader.blocks()) {
            assertThat(b.offset()).isBetween(0, file.length);
            assertThat(b.size()).isBetween(0, file.length - b.offset());
            assertThat(reader.payload(b)).hasSize(b.size());
        }
        for (MatroskaReader.TrackEntry t : reader.tracks()) {
            try {
                t.toTrack();
            } catch (ParseException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        }
    }
}
