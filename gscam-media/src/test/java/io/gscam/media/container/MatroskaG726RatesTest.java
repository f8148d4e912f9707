package io.gscam.media.container;

import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.media.g726.G726Packing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G.726 kept as it is in Matroska at every rate and from either packing: ffmpeg reads the file as
 * {@code adpcm_g726} with the rate's code word size and decodes it to exactly the samples it
 * decodes from the raw stream (the committed references of src/test/resources/g726/make-refs.sh).
 */
class MatroskaG726RatesTest {

    @BeforeAll
    static void ffmpeg() {
        Ffmpeg.assumeInstalled();
    }

    @ParameterizedTest(name = "{0} kbit/s {1}")
    @CsvSource({"16, le", "16, be", "24, le", "24, be", "32, le", "32, be", "40, le", "40, be"})
    void matroska_g726EveryRateAndPacking_decodesToFfmpegsOwnDecode(int kbit, String packing, @TempDir Path dir)
            throws Exception {
        int bits = kbit / 8;
        String name = "chirp-" + kbit + "-" + packing;
        byte[] coded = resource(name + ".g726");
        byte[] expected = resource(name + ".pcm");
        Track track = Track.g726(bits, packing.equals("le") ? G726Packing.RFC3551_LE : G726Packing.AAL2_BE);
        int packetBytes = 160 * bits / 8; // 20 ms, whole code-word groups at every rate
        Path file = dir.resolve(name + ".mkv");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            int id = writer.addTrack(track);
            for (int at = 0, n = 0; at < coded.length; at += packetBytes, n++) {
                writer.writeSample(id, MediaSample.audio(n * 160L,
                        Arrays.copyOfRange(coded, at, Math.min(coded.length, at + packetBytes))));
            }
        }

        Map<String, String> stream = Ffmpeg.streams(file).get(0);
        assertThat(stream).containsEntry("codec_name", "adpcm_g726").containsEntry("sample_rate", "8000")
                .containsEntry("bit_rate", Integer.toString(kbit * 1000)); // read from wBitsPerSample
        Ffmpeg.ffmpeg(dir, "-i", file.toString(), "-f", "s16le", "decoded.pcm");
        assertThat(Files.readAllBytes(dir.resolve("decoded.pcm"))).isEqualTo(expected);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MatroskaG726RatesTest.class.getResourceAsStream("/g726/" + name)) {
            assertThat(in).as("test resource /g726/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
