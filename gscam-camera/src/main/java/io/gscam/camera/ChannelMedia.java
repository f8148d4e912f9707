package io.gscam.camera;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one channel sends: its video codec, its audio codec (or none), and optionally a file to
 * loop instead of the built-in test pattern ({@code --video CH=..}, {@code --audio CH=..},
 * {@code --source CH=FILE}).
 *
 * @param video  {@code h264} or {@code mjpeg}
 * @param audio  {@code pcmu}, {@code pcma}, {@code g726-16} .. {@code g726-40}, or {@code none}
 * @param source a file to loop (H.264 Annex-B or MP4), empty for the built-in source
 */
public record ChannelMedia(String video, String audio, Optional<Path> source) {
    public static final ChannelMedia DEFAULT = new ChannelMedia("h264", "pcmu", Optional.empty());

    public ChannelMedia {
        video = Objects.requireNonNull(video, "video").toLowerCase(Locale.ROOT);
        audio = Objects.requireNonNull(audio, "audio").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(source, "source");
    }

    public boolean hasAudio() {
        return !"none".equals(audio);
    }

    public ChannelMedia withVideo(String codec) {
        return new ChannelMedia(codec, audio, source);
    }

    public ChannelMedia withAudio(String codec) {
        return new ChannelMedia(video, codec, source);
    }

    public ChannelMedia withSource(Path file) {
        return new ChannelMedia(video, audio, Optional.of(file));
    }
}
