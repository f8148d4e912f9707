package io.gscam.media.g726;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.checkEqual;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes a camera sends as G.726, the decoder turns them into samples without throwing:
 * every whole code word becomes one sample, and the trailing bits of a partial one are ignored.
 */
class G726DecoderPropertiesTest {

    private static final G726Packing[] PACKINGS = G726Packing.values();
    /**
     * The most payload bytes a fuzz input gives the decoder: 128, 16 to 32 ms of G.726 (40 and
     * 16 kbit/s); decoded twice, that is 409 to 1,024 code words, 1.6 to 4 times the slowest adaptation
     * of the ADPCM state (the zero predictor's, 1/256 a code word), and enough for the pole predictor to
     * reach the tone detector's threshold (about 160 code words) and a transition after it. Longer inputs
     * only repeat the same arithmetic, at a cost: under Jazzer's instrumentation every code word pays for
     * its traced comparisons, and 256 bytes held this target to 1,082 executions a second (128: 2,000,
     * in 45 s runs beside two other fuzzers).
     */
    private static final int MAX_FUZZ_PAYLOAD = 128;

    /** The first byte picks the rate (2 to 5 bits) and the packing; the rest is the payload, at most 128 bytes. */
    @FuzzTest
    void decode_arbitraryBytes_givesOneSamplePerWholeCodeWord(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int bits = 2 + (input[0] & 0x03);
        G726Packing packing = PACKINGS[((input[0] & 0xFF) >> 2) % PACKINGS.length];
        byte[] data = Arrays.copyOfRange(input, 1, Math.min(input.length, 1 + MAX_FUZZ_PAYLOAD));
        G726Decoder decoder = new G726Decoder(G726Rate.ofKbitPerSecond(bits * 8), packing);

        short[] first = decoder.decode(data);
        short[] second = decoder.decode(data); // the state carried over from arbitrary input stays usable

        checkEqual(first.length, data.length * 8 / bits, "samples of the first decode");
        checkEqual(second.length, data.length * 8 / bits, "samples of the second decode");
    }

    static Stream<Arguments> pcmRatesAndPackings() {
        return Generators.arguments(200, r -> {
            short[] pcm = new short[Generators.between(r, 0, 800)];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) r.nextInt(1 << 16);
            }
            return new Object[] {pcm, Generators.between(r, 2, 5), Generators.oneOf(r, G726Packing.values())};
        });
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("pcmRatesAndPackings")
    void encodeThenDecode_arbitraryPcm_givesOneSamplePerInputSample(short[] pcm, int bits, G726Packing packing) {
        G726Rate rate = G726Rate.ofKbitPerSecond(bits * 8);
        byte[] coded = new G726Encoder(rate, packing).encode(pcm);

        assertThat(coded).hasSize((pcm.length * bits + 7) / 8);
        assertThat(new G726Decoder(rate, packing).decode(coded).length).isBetween(pcm.length, pcm.length + 3);
    }
}
