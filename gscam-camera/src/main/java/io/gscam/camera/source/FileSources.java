package io.gscam.camera.source;

import io.gscam.media.container.Mp4Reader;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a media file as a looping camera channel ({@code --source CH=FILE}): raw H.264 (Annex-B,
 * {@code .h264}/{@code .264}, read by {@link AnnexBClipReader}) or MP4/MOV with an H.264 track and,
 * where present, G.711 audio ({@link Mp4ClipReader}). A file without usable audio may take it from
 * a file beside it ({@link SiblingAudio}). What the file is, {@link MediaFileType} tells.
 *
 * <p>Loop rules: the loop starts at the first keyframe (frames before it are dropped, audio before
 * it too); a file without a keyframe is an error. Audio is fitted to the video's loop by
 * {@link LoopFitter}, so every loop starts video and audio together. Timestamps are decode times
 * (as camera streams, without B-frames, have).
 *
 * <p>Errors: a missing, unreadable, truncated or unrecognised file is an {@link IOException} whose
 * message names the file and the reason (the {@link ParseException}, when there is one, is its
 * cause). Reading is bounded by the file size; nothing waits or retries.
 */
public final class FileSources {
    private FileSources() {
    }

    /** Opens {@code file} with {@link FileSourceOptions#DEFAULTS}. */
    public static FileSource open(Path file) throws IOException {
        return open(file, FileSourceOptions.DEFAULTS);
    }

    /**
     * Reads {@code file} whole and returns it as a looping source, positioned at its start.
     *
     * @throws IOException naming the file, when it cannot be read or holds no playable H.264
     */
    public static FileSource open(Path file, FileSourceOptions options) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such media file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        long size = Files.size(file);
        if (size > options.maxFileBytes()) {
            throw new IOException(file + ": " + size + " bytes is more than the " + options.maxFileBytes()
                    + " a looping file source reads into memory");
        }
        List<String> notes = new ArrayList<>();
        try {
            return switch (MediaFileType.probe(file)) {
                case MP4 -> mp4(file, options, notes);
                case ANNEX_B -> annexB(file, options, notes);
            };
        } catch (ParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static FileSource annexB(Path file, FileSourceOptions options, List<String> notes)
            throws IOException, ParseException {
        Clip video = AnnexBClipReader.read(Files.readAllBytes(file), options.defaultFrameRate(), notes);
        return LoopFitter.fit(file, video, options.audio() ? SiblingAudio.find(file, notes) : null, notes);
    }

    private static FileSource mp4(Path file, FileSourceOptions options, List<String> notes)
            throws IOException, ParseException {
        try (Mp4Reader reader = Mp4Reader.open(file)) {
            Mp4ClipReader.Mp4Clips clips = Mp4ClipReader.read(reader, options.defaultFrameRate(), options.audio(), notes);
            AudioPieces audio = clips.audio();
            if (options.audio() && audio == null) {
                audio = SiblingAudio.find(file, notes);
            }
            return LoopFitter.fit(file, clips.video(), audio, notes);
        }
    }
}
