package io.gscam.camera.source;

import java.util.Objects;

/**
 * How {@link FileSources} reads a media file.
 *
 * @param defaultFrameRate the frame rate of a raw H.264 file whose SPS carries no VUI timing info
 *                         (raw H.264 has no timestamps of its own)
 * @param audio            whether to serve audio: the file's G.711 track, or a G.711/WAV file beside it
 * @param maxFileBytes     the largest file read; a looping source holds the whole clip in memory
 */
public record FileSourceOptions(FrameRate defaultFrameRate, boolean audio, long maxFileBytes) {
    /** 25 fps for raw H.264 without timing info, audio on, files up to 512 MiB. */
    public static final FileSourceOptions DEFAULTS = new FileSourceOptions(FrameRate.of(25), true, 512L << 20);

    public FileSourceOptions {
        Objects.requireNonNull(defaultFrameRate, "defaultFrameRate");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    public FileSourceOptions withDefaultFrameRate(FrameRate rate) {
        return new FileSourceOptions(rate, audio, maxFileBytes);
    }

    public FileSourceOptions withAudio(boolean on) {
        return new FileSourceOptions(defaultFrameRate, on, maxFileBytes);
    }

    public FileSourceOptions withMaxFileBytes(long bytes) {
        return new FileSourceOptions(defaultFrameRate, audio, bytes);
    }
}
