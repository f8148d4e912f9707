package io.gscam.media.g726;

import java.util.Objects;

/**
 * A G.726 decoder for one stream: packed code words in, 16-bit linear PCM at 8 kHz out. The ADPCM
 * state carries over from one call to the next. Bits after the last whole code word of a call are
 * ignored, as ffmpeg does. Mutable; not thread safe.
 */
public final class G726Decoder extends G726Stream {
    public G726Decoder(G726Rate rate, G726Packing packing) {
        super(rate, packing);
    }

    public short[] decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Decodes {@code length * 8 / bits} samples from {@code length} bytes at {@code offset}. */
    public short[] decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int[] codes = G726BitPacker.unpack(data, offset, length, state.rate().bitsPerSample(), packing);
        short[] pcm = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            pcm[i] = state.decode(codes[i]);
        }
        return pcm;
    }
}
