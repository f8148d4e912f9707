package io.gscam.camera.source;

import io.gscam.media.MediaKind;

import java.util.List;
import java.util.Objects;

/**
 * A finite recording of one track that a {@link LoopingSource} plays over and over: samples with
 * their times in the track's clock and the clip's total length, so the next loop starts exactly one
 * length later. Built-in loops, the beep and (later) Annex-B and MP4 files all become clips.
 *
 * <p>Rules checked here: at least one sample; times start at or after 0, strictly increase and stay
 * below the length; a video clip starts with a keyframe (for H.264 one that carries SPS and PPS, so
 * every loop can be joined at its start).
 */
public record Clip(TrackInfo track, List<Sample> samples, long durationTicks) {
    /** One sample: its time in ticks of the track's clock from the clip start, its data, keyframe flag. */
    public record Sample(long ticks, byte[] data, boolean keyframe) {
        public Sample {
            Objects.requireNonNull(data, "data");
            if (ticks < 0) {
                throw new IllegalArgumentException("negative sample time " + ticks);
            }
        }
    }

    public Clip {
        Objects.requireNonNull(track, "track");
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one sample");
        }
        long previous = -1;
        for (Sample s : samples) {
            if (s.ticks() <= previous) {
                throw new IllegalArgumentException("sample times must increase: " + s.ticks() + " after " + previous);
            }
            previous = s.ticks();
        }
        if (durationTicks <= previous) {
            throw new IllegalArgumentException("clip length " + durationTicks + " must exceed the last sample time " + previous);
        }
        if (track.kind() == MediaKind.VIDEO && !samples.get(0).keyframe()) {
            throw new IllegalArgumentException("a video clip must start with a keyframe");
        }
    }

    /** A clip of frames at a constant rate: frame i at {@code frameRate.ticks(i)}, length one frame past the last. */
    public static Clip atFrameRate(TrackInfo track, FrameRate frameRate, List<byte[]> frames, List<Boolean> keyframes) {
        if (frames.size() != keyframes.size()) {
            throw new IllegalArgumentException(frames.size() + " frames but " + keyframes.size() + " keyframe flags");
        }
        int clockRate = track.clockRate();
        Sample[] samples = new Sample[frames.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new Sample(frameRate.ticks(i, clockRate), frames.get(i), keyframes.get(i));
        }
        return new Clip(track, List.of(samples), frameRate.ticks(frames.size(), clockRate));
    }

    public int size() {
        return samples.size();
    }

    /** Total bytes of all samples (for bit-rate checks and logs). */
    public long totalBytes() {
        long n = 0;
        for (Sample s : samples) {
            n += s.data().length;
        }
        return n;
    }
}
