package io.gscam.media.g726;

import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class G726RepackTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void repack_32kbit_swapsNibbles() {
        // Code words 1,2,3,4: LSB-first packs 0x21 0x43, MSB-first 0x12 0x34.
        assertThat(HEX.formatHex(G726BitPacker.repack(HEX.parseHex("2143"), 4, G726Packing.RFC3551_LE, G726Packing.AAL2_BE))).isEqualTo("1234");
    }

    @Test
    void repack_24kbit_eightCodeWordsInThreeBytes() {
        // Code words 0..7 in 3 bits. LSB-first: bits of word k at 3k..3k+2 counted from bit 0 of byte 0.
        // byte0 = w0 | w1<<3 | (w2&3)<<6 = 0 | 8 | 0x80 = 0x88; byte1 = w2>>2 | w3<<1 | w4<<4 | (w5&1)<<7 = 0 | 6 | 0x40 | 0x80 = 0xc6
        // byte2 = w5>>1 | w6<<2 | w7<<5 = 2 | 0x18 | 0xe0 = 0xfa. MSB-first: 000 001 01|0 011 100 1|01 110 111 = 05 39 77
        assertThat(HEX.formatHex(G726BitPacker.repack(HEX.parseHex("88c6fa"), 3, G726Packing.RFC3551_LE, G726Packing.AAL2_BE))).isEqualTo("053977");
        assertThat(HEX.formatHex(G726BitPacker.repack(HEX.parseHex("053977"), 3, G726Packing.AAL2_BE, G726Packing.RFC3551_LE))).isEqualTo("88c6fa");
    }

    static Stream<Arguments> dataAndBits() {
        return Generators.arguments(1000, r -> new Object[] {Generators.bytes(r, 0, 255), Generators.between(r, 2, 5)});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("dataAndBits")
    void repack_twiceIsIdentity(byte[] data, int bits) {
        int whole = data.length / bits * bits; // whole groups of 8 code words
        byte[] in = java.util.Arrays.copyOf(data, whole);
        byte[] msb = G726BitPacker.repack(in, bits, G726Packing.RFC3551_LE, G726Packing.AAL2_BE);
        assertThat(G726BitPacker.repack(msb, bits, G726Packing.AAL2_BE, G726Packing.RFC3551_LE)).isEqualTo(in);
    }
}
