package io.gscam.nvr.http;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.FragmentedMp4Writer;
import io.gscam.media.container.MatroskaReader;
import io.gscam.media.container.MatroskaWriter;
import io.gscam.media.container.Mp4Track;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.flac.FlacTranscoder;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.Avcc;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.Fragments;
import io.gscam.nvr.storage.SegmentFiles;
import io.gscam.nvr.storage.SegmentProbe;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /get}: a time range of one camera as one file, stitched from its segments without
 * re-encoding. Samples are copied from each segment's fragments into a new writer of gscam-media
 * ({@link FragmentedMp4Writer} for mp4/fmp4, {@link MatroskaWriter} for mkv); between segments the
 * writer's timeline simply goes on ({@link ContainerWriter#discontinuity()}), so a range across a
 * gap plays the recorded parts back to back. The file starts at the last keyframe at or before the
 * range's start, so it decodes from its first frame.
 *
 * <p>Segments are fragmented MP4 (read through {@link SegmentProbe}) or, for G.726 cameras, Matroska
 * (read by gscam-media's {@link MatroskaReader}); both come down to the same tracks and timed samples.
 *
 * <p>MP4 answers carry G.711 and G.726 audio, which browsers cannot play, as FLAC (decoded to PCM
 * and encoded losslessly by gscam-media's {@link FlacTranscoder}); {@code format=mkv} keeps the
 * original audio.
 */
final class ClipExport {
    enum Format { MP4, FMP4, MKV }

    private record Timed(long micros, int slot, boolean video, boolean key, byte[] data, long ticks) {
    }

    /**
     * One segment's media in the range: its tracks (null where gscam has no codec for one), the NAL
     * length size of each H.264 track, and the samples from the leading track's keyframe at or
     * before the range's start, in time order.
     */
    private record SegmentMedia(List<Track> tracks, int[] lengthSizes, List<Timed> samples) {
    }

    private final SegmentFiles files;

    ClipExport(SegmentFiles files) {
        this.files = files;
    }

    /**
     * Writes the range into {@code target} (built on disk, not in memory: an hour of a camera is
     * hundreds of MB); false when no segment of the list holds a sample in [from, to).
     */
    boolean export(List<Segment> segments, Instant from, Instant to, Format format, Path target) throws IOException {
        ContainerWriter writer = null;
        List<Track> layout = null;
        int[] slots = null;
        FlacTranscoder[] flac = null;
        boolean anything = false;
        for (Segment seg : segments) {
            SegmentMedia media;
            try {
                media = seg.path().endsWith(".mkv") ? matroska(seg, from, to) : mp4(seg, from, to);
            } catch (IOException | RuntimeException e) {
                if (writer != null) {
                    closeQuietly(writer);
                }
                throw e;
            }
            if (media == null) {
                continue;
            }
            if (writer == null) {
                layout = media.tracks();
                OutputStream out = Files.newOutputStream(target);
                writer = format == Format.MKV ? MatroskaWriter.create(out, "gscam-nvr") : FragmentedMp4Writer.create(out);
                slots = new int[layout.size()];
                flac = new FlacTranscoder[layout.size()];
                for (int i = 0; i < layout.size(); i++) {
                    Track t = layout.get(i);
                    if (t != null && format != Format.MKV && t.kind() == MediaKind.AUDIO && FlacTranscoder.canTranscode(t)) {
                        flac[i] = FlacTranscoder.of(t);
                        t = flac[i].output();
                    }
                    boolean keep = t != null && writer.supports(t);
                    slots[i] = keep ? writer.addTrack(t) : -1;
                }
            } else if (!sameLayout(layout, media.tracks())) {
                break; // the camera changed codec or size: the answer ends where the old layout did
            } else {
                writer.discontinuity();
            }
            try {
                anything |= write(seg, media, writer, slots, flac);
            } catch (IOException | RuntimeException e) {
                closeQuietly(writer);
                throw e;
            }
        }
        if (writer == null) {
            return false;
        }
        if (!anything) {
            closeQuietly(writer);
            return false;
        }
        writer.close();
        return true;
    }

    private static void closeQuietly(ContainerWriter w) {
        try {
            w.close();
        } catch (IOException | RuntimeException e) {
            // the caller deletes the file
        }
    }

    /** A fragmented MP4 segment's media in the range, or null when it holds no tracks yet. */
    private SegmentMedia mp4(Segment seg, Instant from, Instant to) throws IOException {
        SegmentProbe probe = SegmentProbe.of(files.resolve(seg.path()));
        if (probe.tracks().isEmpty() || probe.leading() == null) {
            return null;
        }
        List<Mp4Track> layout = probe.tracks();
        long fromMicros = micros(seg.start(), from);
        long toMicros = micros(seg.start(), to);
        Mp4Track lead = probe.leading();
        List<Timed> samples = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(files.resolve(seg.path()), StandardOpenOption.READ)) {
            // The start: the last keyframe of the leading track at or before the range's start.
            long startMicros = Long.MIN_VALUE;
            for (Fragments.Fragment f : probe.fragments().fragments()) {
                for (Fragments.Run r : f.runs()) {
                    if (r.trackId() != lead.trackId()) {
                        continue;
                    }
                    long t = r.baseTime();
                    for (Fragments.Sample s : r.samples()) {
                        long us = t * 1_000_000 / lead.timescale();
                        if (s.sync() && us <= fromMicros) {
                            startMicros = us;
                        }
                        t += s.duration();
                    }
                }
            }
            if (startMicros == Long.MIN_VALUE) {
                startMicros = 0;
            }
            for (Fragments.Fragment f : probe.fragments().fragments()) {
                for (Fragments.Run r : f.runs()) {
                    int i = indexOf(layout, r.trackId());
                    if (i < 0) {
                        continue;
                    }
                    Mp4Track track = layout.get(i);
                    long t = r.baseTime();
                    for (Fragments.Sample s : r.samples()) {
                        long us = t * 1_000_000 / track.timescale();
                        if (us >= startMicros && us < toMicros) {
                            samples.add(new Timed(us, i, track.kind() == MediaKind.VIDEO, s.sync(), read(ch, s), t));
                        }
                        t += s.duration();
                    }
                }
            }
        }
        samples.sort(Comparator.comparingLong(Timed::micros));
        List<Track> tracks = new ArrayList<>();
        int[] lengthSizes = new int[layout.size()];
        for (int i = 0; i < layout.size(); i++) {
            Mp4Track t = layout.get(i);
            tracks.add(t.toTrack());
            lengthSizes[i] = t.codec() == TrackCodec.H264 && t.avcConfig() != null ? t.avcConfig().lengthSize() : 4;
        }
        return new SegmentMedia(tracks, lengthSizes, samples);
    }

    /** A Matroska segment's (a G.726 camera's) media in the range, or null when it holds no tracks yet. */
    private SegmentMedia matroska(Segment seg, Instant from, Instant to) throws IOException {
        MatroskaReader mkv;
        List<Track> tracks = new ArrayList<>();
        int[] lengthSizes;
        try {
            mkv = MatroskaReader.open(files.resolve(seg.path()));
            lengthSizes = new int[mkv.tracks().size()];
            for (int i = 0; i < mkv.tracks().size(); i++) {
                MatroskaReader.TrackEntry e = mkv.tracks().get(i);
                Track t = e.toTrack();
                tracks.add(t);
                lengthSizes[i] = t != null && t.codec() == TrackCodec.H264 ? e.avcConfig().lengthSize() : 4;
            }
        } catch (ParseException e) {
            throw new IOException(seg.path() + ": " + e.getMessage(), e);
        }
        if (tracks.isEmpty()) {
            return null;
        }
        int lead = 0;
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (mkv.tracks().get(i).kind() == MediaKind.VIDEO) {
                lead = i;
            }
        }
        int leadNumber = mkv.tracks().get(lead).number();
        long fromMicros = micros(seg.start(), from);
        long toMicros = micros(seg.start(), to);
        long startMicros = 0;
        for (MatroskaReader.Block b : mkv.blocks()) {
            long us = b.timeNanos() / 1000;
            if (b.track() == leadNumber && b.keyframe() && us <= fromMicros) {
                startMicros = Math.max(startMicros, us);
            }
        }
        List<Timed> samples = new ArrayList<>();
        for (MatroskaReader.Block b : mkv.blocks()) {
            int i = indexOfNumber(mkv.tracks(), b.track());
            long us = b.timeNanos() / 1000;
            if (i < 0 || tracks.get(i) == null || us < startMicros || us >= toMicros) {
                continue;
            }
            Track t = tracks.get(i);
            long ticks = b.timeNanos() * t.clockRate() / 1_000_000_000L;
            samples.add(new Timed(us, i, t.kind() == MediaKind.VIDEO, b.keyframe(), mkv.payload(b), ticks));
        }
        samples.sort(Comparator.comparingLong(Timed::micros));
        return new SegmentMedia(tracks, lengthSizes, samples);
    }

    private static boolean write(Segment seg, SegmentMedia media, ContainerWriter writer, int[] slots,
                                 FlacTranscoder[] flac) throws IOException {
        List<Track> layout = media.tracks();
        boolean wroteVideo = false;
        boolean wroteAny = false;
        for (Timed s : media.samples()) {
            if (slots[s.slot()] < 0) {
                continue;
            }
            Track track = layout.get(s.slot());
            byte[] data = s.data();
            if (track.codec() == TrackCodec.H264) {
                try {
                    data = AnnexB.join(Avcc.split(data, media.lengthSizes()[s.slot()]));
                } catch (ParseException e) {
                    throw new IOException(seg.path() + ": " + e.getMessage(), e);
                }
            }
            long rtp = s.ticks() & 0xFFFFFFFFL;
            wroteAny = true;
            if (flac[s.slot()] != null) {
                writer.writeSample(slots[s.slot()], flac[s.slot()].transcode(MediaSample.audio(rtp, data)));
                continue;
            }
            writer.writeSample(slots[s.slot()], s.video() ? MediaSample.video(rtp, data, s.key()) : MediaSample.audio(rtp, data));
            wroteVideo |= s.video();
        }
        return wroteVideo || (wroteAny && layout.stream().noneMatch(t -> t != null && t.kind() == MediaKind.VIDEO));
    }

    private static byte[] read(FileChannel ch, Fragments.Sample s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(s.size());
        long p = s.offset();
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("sample at " + s.offset() + " runs past the end of the segment");
            }
            p += n;
        }
        return b.array();
    }

    private static long micros(Instant segStart, Instant t) {
        return java.time.Duration.between(segStart, t).toNanos() / 1000;
    }

    private static int indexOf(List<Mp4Track> layout, int trackId) {
        for (int i = 0; i < layout.size(); i++) {
            if (layout.get(i).trackId() == trackId) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfNumber(List<MatroskaReader.TrackEntry> entries, int number) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).number() == number) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameLayout(List<Track> a, List<Track> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Track x = a.get(i);
            Track y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return false;
                }
                continue;
            }
            if (x.codec() != y.codec() || x.width() != y.width() || x.height() != y.height() || x.sampleRate() != y.sampleRate()
                    || x.bitsPerSample() != y.bitsPerSample()) {
                return false;
            }
        }
        return true;
    }
}
