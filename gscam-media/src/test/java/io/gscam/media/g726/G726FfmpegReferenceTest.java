package io.gscam.media.g726;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bit-exactness against ffmpeg's g726 (AAL2, big-endian) and g726le (RFC 3551) encoders and
 * decoders, on files made once by src/test/resources/g726/make-refs.sh.
 */
class G726FfmpegReferenceTest {

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String signal : List.of("sine", "chirp")) {
            for (G726Rate rate : G726Rate.values()) {
                for (G726Packing packing : G726Packing.values()) {
                    cases.add(Arguments.of(signal, rate, packing));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void encode_matchesFfmpegBytes(String signal, G726Rate rate, G726Packing packing) throws IOException {
        short[] input = pcm(resource("in-" + signal + ".pcm"));
        byte[] expected = resource(name(signal, rate, packing) + ".g726");

        byte[] actual = new G726Encoder(rate, packing).encode(input);

        assertThat(actual).hasSize(expected.length);
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void decode_matchesFfmpegPcm(String signal, G726Rate rate, G726Packing packing) throws IOException {
        byte[] coded = resource(name(signal, rate, packing) + ".g726");
        short[] expected = pcm(resource(name(signal, rate, packing) + ".pcm"));

        short[] actual = new G726Decoder(rate, packing).decode(coded);

        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void decode_inPacketsOf20ms_matchesWholeFileDecode(String signal, G726Rate rate, G726Packing packing)
            throws IOException {
        byte[] coded = resource(name(signal, rate, packing) + ".g726");
        short[] expected = pcm(resource(name(signal, rate, packing) + ".pcm"));
        int packetBytes = 160 * rate.bitsPerSample() / 8;
        G726Decoder decoder = new G726Decoder(rate, packing);

        short[] actual = new short[expected.length];
        int samples = 0;
        for (int at = 0; at < coded.length; at += packetBytes) {
            short[] part = decoder.decode(coded, at, Math.min(packetBytes, coded.length - at));
            System.arraycopy(part, 0, actual, samples, part.length);
            samples += part.length;
        }

        assertThat(samples).isEqualTo(expected.length);
        assertThat(actual).isEqualTo(expected);
    }

    private static String name(String signal, G726Rate rate, G726Packing packing) {
        return signal + "-" + rate.kbitPerSecond() + "-" + (packing == G726Packing.AAL2_BE ? "be" : "le");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = G726FfmpegReferenceTest.class.getResourceAsStream("/g726/" + name)) {
            assertThat(in).as("test resource /g726/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    static short[] pcm(byte[] s16le) {
        short[] out = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
