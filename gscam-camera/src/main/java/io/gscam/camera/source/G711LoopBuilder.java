package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;
import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.media.rtp.MediaFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a G.711 audio {@link Clip} of a fixed length, so that it loops in step with a video clip:
 * pieces of audio are placed at sample positions of the loop, what no piece covers is silence, and
 * what falls outside the loop is cut off. The clip is cut into 20 ms packets of 160 samples (the
 * spec's {@code a=ptime:20}); when the loop length is not a multiple of 20 ms its last packet is
 * shorter, so the next loop still starts exactly one loop length later. Not thread safe.
 */
public final class G711LoopBuilder {
    /** 20 ms at 8 kHz, one byte per sample. */
    public static final int PACKET_SAMPLES = BeepAudio.PACKET_SAMPLES;
    public static final int SAMPLE_RATE = G711PayloadFormat.CLOCK_RATE;
    /** G.711's bit rate: 8 bits at 8 kHz. */
    public static final int BITRATE_KBPS = 64;

    private final G711Law law;
    private final byte[] loop;
    private long placed;

    /** @param loopSamples the loop length in samples at 8 kHz, at least 1 */
    public G711LoopBuilder(G711Law law, int loopSamples) {
        if (loopSamples <= 0) {
            throw new IllegalArgumentException("loop of " + loopSamples + " samples");
        }
        this.law = law;
        this.loop = new byte[loopSamples];
        Arrays.fill(loop, law.encode(0));
    }

    /** The SDP format of G.711 in this law: PCMU (payload type 0) or PCMA (8), 8000 Hz. */
    public static MediaFormat format(G711Law law) {
        return G711PayloadFormat.of(law).mediaFormat();
    }

    /**
     * Places {@code codes} so that its first code plays at sample {@code atSample} of the loop; a
     * negative position drops the codes before the loop start.
     */
    public G711LoopBuilder place(long atSample, byte[] codes) {
        long from = Math.max(atSample, 0);
        long to = Math.min(atSample + codes.length, loop.length);
        if (to > from) {
            System.arraycopy(codes, (int) (from - atSample), loop, (int) from, (int) (to - from));
            placed += to - from;
        }
        return this;
    }

    /** Samples of placed audio that fell inside the loop so far (the rest of the loop is silence). */
    public long placedSamples() {
        return placed;
    }

    public int loopSamples() {
        return loop.length;
    }

    /** The loop as a clip of 160-sample packets in {@link #format(G711Law)}. */
    public Clip build() {
        List<Clip.Sample> packets = new ArrayList<>();
        for (int at = 0; at < loop.length; at += PACKET_SAMPLES) {
            packets.add(new Clip.Sample(at, Arrays.copyOfRange(loop, at, Math.min(at + PACKET_SAMPLES, loop.length)), true));
        }
        return new Clip(TrackInfo.audio(format(law), BITRATE_KBPS), packets, loop.length);
    }
}
