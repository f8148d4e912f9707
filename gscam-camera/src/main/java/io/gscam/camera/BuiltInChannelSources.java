package io.gscam.camera;

import io.gscam.camera.stream.ChannelSourceFactory;
import io.gscam.media.g711.G711Law;
import io.gscam.media.source.BeepAudio;
import io.gscam.media.source.BuiltInLoops;
import io.gscam.media.source.MediaSource;
import io.gscam.media.source.MergedSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The media that needs nothing installed: each channel's shipped H.264 loop (704x480 at 30 fps on
 * 0-3, 352x240 at 15 fps on 4-7) and a 1 kHz beep once a second as PCMU or PCMA, 20 ms packets.
 * Other codecs and file sources are opened by the factory the command line installs in its place.
 */
public final class BuiltInChannelSources implements ChannelSourceFactory {
    private final CameraConfig config;

    public BuiltInChannelSources(CameraConfig config) {
        this.config = config;
    }

    @Override
    public MediaSource open(int channel) throws IOException {
        ChannelMedia media = config.media(channel);
        if (media.source().isPresent() || !"h264".equals(media.video())) {
            throw new IOException("channel " + channel + ": only the built-in H.264 loop is available here, not "
                    + media.video() + media.source().map(p -> " from " + p).orElse(""));
        }
        List<MediaSource> parts = new ArrayList<>(2);
        parts.add(BuiltInLoops.source(channel));
        switch (media.audio()) {
            case "none" -> { }
            case "pcmu" -> parts.add(BeepAudio.source(BeepAudio.pcmuFormat(), G711Law.MU_LAW::encode, 64));
            case "pcma" -> parts.add(BeepAudio.source(BeepAudio.pcmaFormat(), G711Law.A_LAW::encode, 64));
            default -> throw new IOException("channel " + channel + ": built-in audio is PCMU or PCMA, not " + media.audio());
        }
        return parts.size() == 1 ? parts.get(0) : new MergedSource(parts);
    }
}
