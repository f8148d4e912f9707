package io.gscam.nvr.storage;

import io.gscam.media.container.Mp4Reader;
import io.gscam.media.container.Mp4Track;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a fragmented MP4 segment holds: its tracks (from the moov, read by gscam-media's
 * {@link Mp4Reader}), its whole fragments, and its media duration (the leading track's end).
 */
public record SegmentProbe(List<Mp4Track> tracks, Fragments fragments) {

    public static SegmentProbe of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Fragments f = Fragments.scan(ch);
            if (f.headerEnd() == 0) {
                return new SegmentProbe(List.of(), f);
            }
            try (Mp4Reader r = Mp4Reader.open(file)) {
                return new SegmentProbe(r.tracks(), f);
            } catch (ParseException e) {
                throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The leading track: the first video track, else the first. */
    public Mp4Track leading() {
        return tracks.stream().filter(t -> t.handlerType().equals("vide")).findFirst()
                .orElse(tracks.isEmpty() ? null : tracks.get(0));
    }

    public Duration duration() {
        Mp4Track t = leading();
        if (t == null) {
            return Duration.ZERO;
        }
        long ticks = fragments.endTime(t.trackId());
        return Duration.ofNanos(ticks * 1_000_000_000L / t.timescale());
    }

    /** The codecs line of the index: {@code H264 704x480, PCMU 8000}. */
    public String codecs() {
        return tracks.stream().map(SegmentProbe::describe).collect(Collectors.joining(", "));
    }

    static String describe(Mp4Track t) {
        String codec = t.codec() == null ? t.sampleEntryType() : t.codec().name();
        return t.handlerType().equals("vide") ? codec + " " + t.width() + "x" + t.height() : codec + " " + t.sampleRate();
    }
}
