package io.gscam.nvr.http;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.FragmentedMp4Writer;
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
 * <p>MP4 answers carry G.711 audio, which browsers cannot play, as FLAC (decoded to PCM and
 * encoded losslessly by gscam-media's {@link FlacTranscoder}); {@code format=mkv} keeps the original audio.
 */
final class ClipExport {
    enum Format { MP4, FMP4, MKV }

    private record Timed(long micros, int slot, boolean video, boolean key, byte[] data, long ticks) {
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
        List<Mp4Track> layout = null;
        int[] slots = null;
        FlacTranscoder[] flac = null;
        boolean anything = false;
        for (Segment seg : segments) {
            if (!seg.path().endsWith(".mp4")) {
                continue; // Matroska segments (G.726 cameras) are not read back yet
            }
            SegmentProbe probe = SegmentProbe.of(files.resolve(seg.path()));
            if (probe.tracks().isEmpty() || probe.leading() == null) {
                continue;
            }
            if (writer == null) {
                layout = probe.tracks();
                OutputStream out = Files.newOutputStream(target);
                writer = format == Format.MKV ? MatroskaWriter.create(out, "gscam-nvr") : FragmentedMp4Writer.create(out);
                slots = new int[layout.size()];
                flac = new FlacTranscoder[layout.size()];
                for (int i = 0; i < layout.size(); i++) {
                    Track t = layout.get(i).toTrack();
                    if (t != null && format != Format.MKV && t.kind() == MediaKind.AUDIO && FlacTranscoder.canTranscode(t)) {
                        flac[i] = FlacTranscoder.of(t);
                        t = flac[i].output();
                    }
                    boolean keep = t != null && writer.supports(t);
                    slots[i] = keep ? writer.addTrack(t) : -1;
                }
            } else if (!sameLayout(layout, probe.tracks())) {
                break; // the camera changed codec or size: the answer ends where the old layout did
            } else {
                writer.discontinuity();
            }
            try {
                anything |= copy(seg, probe, from, to, writer, layout, slots, flac);
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

    private boolean copy(Segment seg, SegmentProbe probe, Instant from, Instant to, ContainerWriter writer,
                         List<Mp4Track> layout, int[] slots, FlacTranscoder[] flac) throws IOException {
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
                    if (i < 0 || slots[i] < 0) {
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
        boolean wroteVideo = false;
        for (Timed s : samples) {
            Mp4Track track = layout.get(s.slot());
            byte[] data = s.data();
            if (track.codec() == TrackCodec.H264) {
                try {
                    data = AnnexB.join(Avcc.split(data, track.avcConfig().lengthSize()));
                } catch (ParseException e) {
                    throw new IOException(seg.path() + ": " + e.getMessage(), e);
                }
            }
            long rtp = s.ticks() & 0xFFFFFFFFL;
            if (flac[s.slot()] != null) {
                writer.writeSample(slots[s.slot()], flac[s.slot()].transcode(MediaSample.audio(rtp, data)));
                continue;
            }
            writer.writeSample(slots[s.slot()], s.video() ? MediaSample.video(rtp, data, s.key()) : MediaSample.audio(rtp, data));
            wroteVideo |= s.video();
        }
        return wroteVideo || (!samples.isEmpty() && layout.stream().noneMatch(t -> t.kind() == MediaKind.VIDEO));
    }

    /** The G.711 law a codec is, or null for any other. */

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

    private static boolean sameLayout(List<Mp4Track> a, List<Mp4Track> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Mp4Track x = a.get(i);
            Mp4Track y = b.get(i);
            if (x.codec() != y.codec() || x.width() != y.width() || x.height() != y.height() || x.sampleRate() != y.sampleRate()) {
                return false;
            }
        }
        return true;
    }
}
