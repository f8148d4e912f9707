package io.gscam.camera.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A media file played as a camera channel: its H.264 clip and, when there is one, its G.711 clip,
 * each a {@link LoopingSource}, merged into one {@link MediaSource} (video track first, then audio).
 * The two clips have the same length in time, so every loop starts video and audio together.
 * {@link #notes()} says what was left out or adjusted (an AAC track skipped, audio padded), for the
 * caller to log. Made by {@link FileSources}.
 */
public final class FileSource implements MediaSource {
    private final Path file;
    private final Clip video;
    private final Clip audio;
    private final List<String> notes;
    private final MediaSource delegate;

    /** @param audio the audio clip, or null for a video-only file */
    public FileSource(Path file, Clip video, Clip audio, List<String> notes) {
        this.file = Objects.requireNonNull(file, "file");
        this.video = Objects.requireNonNull(video, "video");
        this.audio = audio;
        this.notes = List.copyOf(notes);
        List<MediaSource> parts = new ArrayList<>(List.of(new LoopingSource(video)));
        if (audio != null) {
            parts.add(new LoopingSource(audio));
        }
        this.delegate = new MergedSource(parts);
    }

    /** The same file from its start again, sharing the clips (for another session or channel). */
    public FileSource restart() {
        return new FileSource(file, video, audio, notes);
    }

    public Path file() {
        return file;
    }

    public Clip videoClip() {
        return video;
    }

    public Optional<Clip> audioClip() {
        return Optional.ofNullable(audio);
    }

    /** Warnings for the log: tracks skipped, audio trimmed or padded, frame rate assumed. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public List<TrackInfo> tracks() {
        return delegate.tracks();
    }

    @Override
    public TimedSample next() {
        return delegate.next();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FileSource{" + file + ", " + tracks().size() + " tracks}";
    }
}
