package io.gscam.camera.source;

import io.gscam.media.MediaSample;

import java.time.Duration;

/**
 * Plays a {@link Clip} forever. Loop {@code n} is shifted by {@code n} clip lengths, so presentation
 * times and RTP timestamps continue across the seam (the timestamp wraps modulo 2^32 as RTP's does)
 * and, since a clip starts with a keyframe, every loop can be decoded from its first sample.
 */
public final class LoopingSource extends EndlessSource {
    private final Clip clip;
    private long loop;
    private int index;

    public LoopingSource(Clip clip) {
        super(clip.track());
        this.clip = clip;
    }

    @Override
    protected TimedSample nextSample() {
        Clip.Sample s = clip.samples().get(index);
        long ticks = Math.addExact(Math.multiplyExact(loop, clip.durationTicks()), s.ticks());
        if (++index == clip.size()) {
            index = 0;
            loop++;
        }
        int clockRate = clip.track().clockRate();
        Duration pts = Duration.ofSeconds(ticks / clockRate, (ticks % clockRate) * 1_000_000_000L / clockRate);
        MediaSample sample = new MediaSample(clip.track().kind(), ticks & 0xFFFFFFFFL, s.data(), s.keyframe());
        return new TimedSample(0, pts, sample);
    }

    /** Completed loops so far. */
    public long loopCount() {
        return loop;
    }

    public Clip clip() {
        return clip;
    }
}
