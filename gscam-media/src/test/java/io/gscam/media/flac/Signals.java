package io.gscam.media.flac;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Test audio, reproducible from a seed. */
final class Signals {
    private Signals() {
    }

    /**
     * Voice-like 8 kHz audio: a 120..220 Hz fundamental gliding slowly, with harmonics falling off,
     * a syllable envelope of about 4 Hz with pauses, and a little noise. Peak about -6 dBFS.
     */
    static short[] voiceLike(long seed, int samples) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            double f0 = 170 + 50 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / 8000.0;
            double tone = 0;
            for (int h = 1; h <= 12; h++) {
                tone += Math.sin(h * phase) / (h * 1.3);
            }
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 2 * t)); // half the time silent: pauses
            double noise = random.nextGaussian() * 40;
            out[i] = clamp(6000 * envelope * tone + noise);
        }
        return out;
    }

    static short clamp(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    static byte[] toS16le(short[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(pcm);
        return b.array();
    }

    static short[] fromS16le(byte[] s16le) {
        short[] out = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
