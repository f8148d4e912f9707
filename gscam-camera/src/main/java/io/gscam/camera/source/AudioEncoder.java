package io.gscam.camera.source;

/**
 * Encodes one block of 16-bit linear PCM (mono) into the codec's bytes, e.g. G.711 (one byte per
 * sample) or G.726 (2..5 bits per sample). The codecs package supplies the implementations; an
 * encoder may keep state between blocks (G.726's ADPCM predictor), so one instance serves one stream.
 */
@FunctionalInterface
public interface AudioEncoder {
    byte[] encode(short[] pcm);
}
