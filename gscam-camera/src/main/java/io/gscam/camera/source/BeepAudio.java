package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.media.rtp.MediaFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in audio: a 1 kHz beep of 100 ms at the start of every second, silence between, as
 * 8 kHz mono 16-bit PCM in 20 ms packets (160 samples). One second is a whole number of packets and
 * of tone periods, so it is rendered once as a {@link Clip} and looped seamlessly; the codec is the
 * injected {@link AudioEncoder} (G.711 mu-law for the spec's PCMU track, A-law, G.726).
 */
public final class BeepAudio {
    public static final int SAMPLE_RATE = 8000;
    public static final int PACKET_SAMPLES = 160;
    public static final int TONE_HZ = 1000;
    public static final int BEEP_SAMPLES = 800;
    /** Peak amplitude: about -6 dBFS, loud but far from clipping in any codec. */
    public static final int AMPLITUDE = 16000;

    private BeepAudio() {
    }

    /** The PCMU track of the spec's SDP: {@code m=audio 0 RTP/AVP 0}, {@code PCMU/8000}. */
    public static MediaFormat pcmuFormat() {
        return G711PayloadFormat.pcmu().mediaFormat();
    }

    /** A-law: static payload type 8, {@code PCMA/8000}. */
    public static MediaFormat pcmaFormat() {
        return G711PayloadFormat.pcma().mediaFormat();
    }

    /** Sample {@code n} (counted from the start of a second) of the signal. */
    public static short sample(int n) {
        int inSecond = Math.floorMod(n, SAMPLE_RATE);
        if (inSecond >= BEEP_SAMPLES) {
            return 0;
        }
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * inSecond / SAMPLE_RATE));
    }

    /** Packet {@code index} (0..49) of the second as PCM. */
    public static short[] packet(int index) {
        short[] pcm = new short[PACKET_SAMPLES];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = sample(index * PACKET_SAMPLES + i);
        }
        return pcm;
    }

    /**
     * One second of beep, encoded with {@code encoder}, as a clip of 50 packets of 20 ms in
     * {@code format} (clock rate 8000). {@code bitrateKbps} is the codec's rate (64 for G.711).
     */
    public static Clip clip(MediaFormat format, AudioEncoder encoder, int bitrateKbps) {
        if (format.kind() != MediaKind.AUDIO || format.clockRate() != SAMPLE_RATE) {
            throw new IllegalArgumentException("beep audio needs an 8 kHz audio format, got " + format);
        }
        List<Clip.Sample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLE_RATE / PACKET_SAMPLES; i++) {
            samples.add(new Clip.Sample((long) i * PACKET_SAMPLES, encoder.encode(packet(i)), true));
        }
        return new Clip(TrackInfo.audio(format, bitrateKbps), samples, SAMPLE_RATE);
    }

    /** A looping source of {@link #clip}. */
    public static LoopingSource source(MediaFormat format, AudioEncoder encoder, int bitrateKbps) {
        return new LoopingSource(clip(format, encoder, bitrateKbps));
    }
}
