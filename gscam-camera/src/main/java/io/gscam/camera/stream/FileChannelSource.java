package io.gscam.camera.stream;

import io.gscam.media.g711.G711Law;
import io.gscam.camera.source.Clip;
import io.gscam.camera.source.FileSource;
import io.gscam.camera.source.FileSourceOptions;
import io.gscam.camera.source.FileSources;
import io.gscam.camera.source.LoopingSource;
import io.gscam.camera.source.MediaSource;
import io.gscam.camera.source.MergedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A channel that loops a file ({@code --source CH=FILE}, read by {@link FileSources}): the file's
 * H.264, and its G.711 audio as it is when the channel's audio codec is the file's, or decoded and
 * encoded live to the channel's codec (PCMA, G.726) when it is not. The file's audio clip lasts
 * exactly one video loop, so the re-encoded audio, looping the same PCM, stays in step with the
 * video. A file without audio gives a video-only channel; {@code --audio CH=none} drops the file's.
 */
public final class FileChannelSource {
    private static final Logger log = LoggerFactory.getLogger(FileChannelSource.class);

    private FileChannelSource() {
    }

    /**
     * @param audio the channel's audio codec, or empty for none
     * @throws IOException naming the file, when it cannot be played
     */
    public static MediaSource open(int channel, Path file, Optional<AudioCodec> audio) throws IOException {
        FileSource source = FileSources.open(file, FileSourceOptions.DEFAULTS.withAudio(audio.isPresent()));
        for (String note : source.notes()) {
            log.warn("channel {}: {}: {}", channel, file, note);
        }
        Optional<Clip> fileAudio = source.audioClip();
        if (audio.isEmpty() || fileAudio.isEmpty()) {
            if (audio.isPresent()) {
                log.info("channel {}: {} has no audio; the channel sends video only", channel, file);
            }
            return source;
        }
        Clip clip = fileAudio.get();
        AudioCodec codec = audio.get();
        if (clip.track().format().encodingKey().equals(codec.format().encodingKey())) {
            return source;
        }
        source.close();
        return new MergedSource(List.of(new LoopingSource(source.videoClip()), new LiveAudioSource(codec, pcm(clip))));
    }

    /** The clip's G.711 decoded to one loop of PCM (its packets are contiguous, 1 byte per sample). */
    static short[] pcm(Clip clip) {
        String encoding = clip.track().format().encodingKey();
        G711Law law = switch (encoding) {
            case "PCMU" -> G711Law.MU_LAW;
            case "PCMA" -> G711Law.A_LAW;
            default -> throw new IllegalArgumentException("file audio is G.711, not " + encoding);
        };
        short[] pcm = new short[Math.toIntExact(clip.totalBytes())];
        int at = 0;
        for (Clip.Sample s : clip.samples()) {
            short[] part = law.decode(s.data());
            System.arraycopy(part, 0, pcm, at, part.length);
            at += part.length;
        }
        return pcm;
    }
}
