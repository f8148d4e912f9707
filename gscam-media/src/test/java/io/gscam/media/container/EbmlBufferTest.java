package io.gscam.media.container;

import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EbmlBufferTest {
    private static String hex(EbmlBuffer b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }

    @Test
    void size_shortestForm_avoidsTheReservedAllOnesPattern() {
        EbmlBuffer b = new EbmlBuffer();
        b.size(0);
        b.size(126);
        b.size(127);   // 0xFF would mean "unknown": needs two bytes
        b.size(16382);
        b.size(16383);
        assertThat(hex(b)).isEqualTo("80" + "fe" + "407f" + "7ffe" + "203fff");
    }

    @Test
    void unknownSize_isTheEightByteAllOnesMarker() {
        EbmlBuffer b = new EbmlBuffer();
        b.unknownSize();
        assertThat(hex(b)).isEqualTo("01ffffffffffffff");
        assertThat(HexFormat.of().formatHex(EbmlBuffer.fixedSize8(300))).isEqualTo("010000000000012c");
    }

    @Test
    void elements_idSizeAndPayload() {
        EbmlBuffer b = new EbmlBuffer();
        b.uint(0x2AD7B1, 1_000_000);   // TimestampScale
        b.string(0x86, "V_MJPEG");
        b.floatElement(0xB5, 8000.0);
        b.uint(0xD7, 0);
        assertThat(hex(b)).isEqualTo("2ad7b1" + "83" + "0f4240"
                + "86" + "87" + "565f4d4a504547"
                + "b5" + "88" + "40bf400000000000"
                + "d7" + "81" + "00");
    }

    @Test
    void voidElement_fillsExactlyTheAskedBytes() {
        for (int total : new int[]{2, 11, 68, 128, 129, 4000}) {
            EbmlBuffer b = new EbmlBuffer();
            b.voidElement(total);
            assertThat(b.length()).as("void of %d", total).isEqualTo(total);
            assertThat(b.array()[0] & 0xFF).isEqualTo(0xEC);
        }
        assertThatThrownBy(() -> new EbmlBuffer().voidElement(1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Values of every width: a random bit length first, so small sizes are as likely as huge ones. */
    static Stream<Long> sizes() {
        return Generators.cases(1000, r -> {
            int bits = Generators.between(r, 1, 56);
            return Math.min(Generators.between(r, 0L, (1L << bits) - 1), 0x00FFFFFFFFFFFFFEL);
        });
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("sizes")
    void size_decodesBackToTheValue(long value) {
        EbmlBuffer b = new EbmlBuffer();
        b.size(value);
        byte[] bytes = b.toByteArray();
        int width = Long.numberOfLeadingZeros(bytes[0] & 0xFFL) - 55; // leading zeros in the first byte, plus one
        assertThat(bytes).hasSize(width);
        long decoded = bytes[0] & 0xFF & (0xFF >>> width);
        for (int i = 1; i < width; i++) {
            decoded = (decoded << 8) | (bytes[i] & 0xFF);
        }
        assertThat(decoded).isEqualTo(value);
        assertThat(decoded).isNotEqualTo((1L << (7 * width)) - 1); // never the reserved unknown marker
        assertThat(width).isEqualTo(EbmlBuffer.sizeWidth(value));
    }
}
