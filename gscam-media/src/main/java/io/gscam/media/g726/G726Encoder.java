package io.gscam.media.g726;

/**
 * A G.726 encoder for one stream: 16-bit linear PCM at 8 kHz in, packed code words out. The ADPCM
 * state carries over from one call to the next, as the stream continues. Each call's output ends
 * on a byte boundary (a last partial byte is padded with zero bits), so give 24 and 40 kbit/s a
 * multiple of 8 samples per call to keep the bit stream continuous (20 ms = 160 samples is).
 * Mutable; not thread safe.
 */
public final class G726Encoder extends G726Stream {
    public G726Encoder(G726Rate rate, G726Packing packing) {
        super(rate, packing);
    }

    /** Encodes {@code pcm} to {@code ceil(pcm.length * bits / 8)} bytes. */
    public byte[] encode(short[] pcm) {
        int[] codes = new int[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = state.encode(pcm[i]);
        }
        return G726BitPacker.pack(codes, state.rate().bitsPerSample(), packing);
    }
}
