package io.gscam.media.container;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Found by fuzzing: an A_MS/ACM track with a negative sample rate threw IllegalArgumentException. */
    @Test
    void toTrack_negativeSampleRate_raisesParseException() {
        byte[] waveFormat = HexFormat.of().parseHex("0700" + "0100" + "40f9fdff" + "00000000" + "0100" + "0800");
        MatroskaReader.TrackEntry pcmu = new MatroskaReader.TrackEntry(2, 2, "A_MS/ACM", waveFormat, 0, 0, 0, 1, 0);
        assertThatThrownBy(pcmu::toTrack).isInstanceOf(ParseException.class)
                .hasMessageContaining("track 2: clock rate must be positive");
    }

    /** An empty SimpleBlock as the file's last bytes: its header would lie past the end. */
    @Test
    void parse_emptySimpleBlockAtTheEnd_isSkipped() throws ParseException {
        byte[] file = HexFormat.of().parseHex("1a45dfa380" + "18538067" + "01ffffffffffffff" + "1f43b675" + "ff"
                + "e78100" + "a380");
        assertThat(MatroskaReader.parse(file).blocks()).isEmpty();
    }
}
