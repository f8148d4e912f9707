package io.gscam.media.g726;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes a camera sends as G.726, the decoder turns them into samples without throwing:
 * every whole code word becomes one sample, and the trailing bits of a partial one are ignored.
 */
class G726DecoderPropertiesTest {

    @Property(tries = 300)
    void decode_arbitraryBytes_givesOneSamplePerWholeCodeWord(@ForAll @Size(max = 2000) byte[] data,
                                                             @ForAll @IntRange(min = 2, max = 5) int bits,
                                                             @ForAll G726Packing packing) {
        G726Decoder decoder = new G726Decoder(G726Rate.ofKbitPerSecond(bits * 8), packing);

        short[] first = decoder.decode(data);
        short[] second = decoder.decode(data); // the state carried over from arbitrary input stays usable

        assertThat(first).hasSize(data.length * 8 / bits);
        assertThat(second).hasSize(data.length * 8 / bits);
    }

    @Property(tries = 200)
    void encodeThenDecode_arbitraryPcm_givesOneSamplePerInputSample(@ForAll @Size(max = 800) short[] pcm,
                                                                    @ForAll @IntRange(min = 2, max = 5) int bits,
                                                                    @ForAll G726Packing packing) {
        G726Rate rate = G726Rate.ofKbitPerSecond(bits * 8);
        byte[] coded = new G726Encoder(rate, packing).encode(pcm);

        assertThat(coded).hasSize((pcm.length * bits + 7) / 8);
        assertThat(new G726Decoder(rate, packing).decode(coded).length).isBetween(pcm.length, pcm.length + 3);
    }
}
