package io.gscam.media.g726;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class G726CodecTest {

    /** SNR floors per rate on a 1 kHz sine at -12 dBFS, after the first 50 ms of adaptation. */
    @ParameterizedTest(name = "{0} kbit/s > {1} dB")
    @CsvSource({"16, 6", "24, 12", "32, 20", "40, 26"})
    void decodeOfEncode_sine_snrAboveFloor(int kbit, double floorDb) {
        G726Rate rate = G726Rate.ofKbitPerSecond(kbit);
        short[] input = new short[8000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (short) Math.round(8192 * Math.sin(2 * Math.PI * 1000 * i / 8000.0 + 0.3));
        }
        for (G726Packing packing : G726Packing.values()) {
            byte[] coded = new G726Encoder(rate, packing).encode(input);
            short[] output = new G726Decoder(rate, packing).decode(coded);

            assertThat(coded).hasSize(input.length * rate.bitsPerSample() / 8);
            assertThat(output).hasSize(input.length);
            assertThat(snrDb(input, output, 400)).as("%s %s", rate, packing).isGreaterThan(floorDb);
        }
    }

    @Test
    void packing_32k_firstCodeInLowNibbleForRfc3551AndHighNibbleForAal2() {
        int[] codes = {0x1, 0x2, 0x3, 0x4};

        assertThat(G726BitPacker.pack(codes, 4, G726Packing.RFC3551_LE)).isEqualTo(HexFormat.of().parseHex("2143"));
        assertThat(G726BitPacker.pack(codes, 4, G726Packing.AAL2_BE)).isEqualTo(HexFormat.of().parseHex("1234"));
    }

    @Test
    void packing_24k_eightCodesSpanThreeBytes() {
        int[] codes = {1, 2, 3, 4, 5, 6, 7, 0};
        // RFC 3551 4.5.4: code words packed from the least significant bit up.
        byte[] le = G726BitPacker.pack(codes, 3, G726Packing.RFC3551_LE);
        byte[] be = G726BitPacker.pack(codes, 3, G726Packing.AAL2_BE);

        assertThat(le).isEqualTo(HexFormat.of().parseHex("d1581f"));  // code i at bits 3i..3i+2 of a little-endian word
        assertThat(be).isEqualTo(HexFormat.of().parseHex("29cbb8"));  // 001 010 011 100 101 110 111 000 from the top bit
        for (G726Packing packing : G726Packing.values()) {
            byte[] packed = G726BitPacker.pack(codes, 3, packing);
            assertThat(G726BitPacker.unpack(packed, 0, packed.length, 3, packing)).containsExactly(codes);
        }
    }

    @Test
    void decode_trailingBitsOfAPartialCode_areIgnored() {
        G726Decoder decoder = new G726Decoder(G726Rate.KBPS_40, G726Packing.RFC3551_LE);

        assertThat(decoder.decode(new byte[4])).hasSize(6); // 32 bits hold six 5-bit codes
    }

    @Test
    void decode_overshootPastFullScale_saturatesInsteadOfWrapping() {
        short[] square = new short[4000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = new G726Decoder(G726Rate.KBPS_40, G726Packing.AAL2_BE)
                .decode(new G726Encoder(G726Rate.KBPS_40, G726Packing.AAL2_BE).encode(square));
        // In the middle of each half-period the output must sit near the rail of its sign.
        for (int period = 2; period < 190; period++) {
            int mid = period * 20 + 10;
            assertThat(Integer.signum(out[mid])).as("sample %d", mid).isEqualTo(Integer.signum(square[mid]));
        }
    }

    @Test
    void reset_restartsTheStream() {
        short[] input = new short[160];
        for (int i = 0; i < input.length; i++) {
            input[i] = (short) (i * 100);
        }
        G726Encoder encoder = new G726Encoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE);
        byte[] first = encoder.encode(input);
        encoder.reset();

        assertThat(encoder.encode(input)).isEqualTo(first);
    }

    static double snrDb(short[] reference, short[] actual, int skip) {
        double signal = 0;
        double noise = 0;
        for (int i = skip; i < reference.length; i++) {
            signal += (double) reference[i] * reference[i];
            double e = reference[i] - actual[i];
            noise += e * e;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}
