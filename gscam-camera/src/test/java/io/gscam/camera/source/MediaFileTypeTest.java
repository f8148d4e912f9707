package io.gscam.camera.source;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaFileTypeTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @Test
    void mp4Box_isMp4_whateverTheName() throws Exception {
        Path file = write("clip.bin", HEX.parseHex("00000018" + "66747970" + "69736f6d00000200"));

        assertThat(MediaFileType.probe(file)).isEqualTo(MediaFileType.MP4);
    }

    @Test
    void startCode_isAnnexB_whateverTheName() throws Exception {
        assertThat(MediaFileType.probe(write("cam.raw", HEX.parseHex("0000000167640028")))).isEqualTo(MediaFileType.ANNEX_B);
        assertThat(MediaFileType.probe(write("cam.dat", HEX.parseHex("00000167640028")))).isEqualTo(MediaFileType.ANNEX_B);
    }

    @Test
    void unrecognisedContent_goesByExtension_soTheReaderCanSayWhatIsWrong() throws Exception {
        byte[] junk = "garbage here".getBytes(StandardCharsets.US_ASCII);

        assertThat(MediaFileType.probe(write("broken.MOV", junk))).isEqualTo(MediaFileType.MP4);
        assertThat(MediaFileType.probe(write("broken.264", junk))).isEqualTo(MediaFileType.ANNEX_B);
        assertThat(MediaFileType.probe(write("empty.h264", new byte[0]))).isEqualTo(MediaFileType.ANNEX_B);
    }

    @Test
    void neitherContentNorExtension_isAParseError() throws Exception {
        Path text = write("notes.txt", "hello, camera".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> MediaFileType.probe(text)).isInstanceOf(ParseException.class)
                .hasMessageContaining("not a media file");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
