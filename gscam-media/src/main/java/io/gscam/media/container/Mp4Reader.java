package io.gscam.media.container;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.Avcc;
import io.gscam.media.h264.NalUnit;
import io.gscam.protocol.ParseException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Demuxes a non-fragmented MP4 or QuickTime MOV file (as ffmpeg writes them): finds {@code moov}
 * wherever it is, reads each track's sample table (stts, ctts, stsc, stsz, stco/co64, stss) and
 * reads samples by index with their times and keyframe flags. H.264 samples come out as Annex-B
 * with the avcC parameter sets in front of keyframes, ready for an RTP packetizer.
 *
 * <p>Edit lists are not applied: times are the media times of the sample table (for files
 * without B-frames, as cameras make, ffmpeg writes none that shift them).
 */
public final class Mp4Reader implements Closeable {
    private static final long MAX_MOOV_BYTES = 256L << 20;
    private static final int MAX_SAMPLES = 50_000_000;
    private static final int MAX_SAMPLE_BYTES = 64 << 20;

    private final SeekableByteChannel channel;
    private final List<Mp4Track> tracks;

    private Mp4Reader(SeekableByteChannel channel, List<Mp4Track> tracks) {
        this.channel = channel;
        this.tracks = List.copyOf(tracks);
    }

    public static Mp4Reader open(Path file) throws IOException, ParseException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return open(channel);
        } catch (IOException | ParseException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads the movie header from {@code channel}; the reader owns and closes the channel. */
    public static Mp4Reader open(SeekableByteChannel channel) throws IOException, ParseException {
        Objects.requireNonNull(channel, "channel");
        long fileSize = channel.size();
        long at = 0;
        while (at + 8 <= fileSize) {
            ByteBuffer header = readFully(channel, at, (int) Math.min(16, fileSize - at));
            long size = header.getInt(0) & 0xFFFFFFFFL;
            String type = fourcc(header, 4);
            int headerSize = 8;
            if (size == 1) {
                if (header.limit() < 16) {
                    throw new ParseException("64-bit box size cut short", at);
                }
                size = header.getLong(8);
                headerSize = 16;
            } else if (size == 0) {
                size = fileSize - at;
            }
            if (size < headerSize || size > fileSize - at) {
                throw new ParseException("box '" + type + "' of " + size + " bytes does not fit the file", at);
            }
            if (type.equals("moov")) {
                if (size > MAX_MOOV_BYTES) {
                    throw new ParseException("moov of " + size + " bytes is too large", at);
                }
                ByteBuffer moov = readFully(channel, at + headerSize, (int) (size - headerSize));
                List<Mp4Track> tracks = new ArrayList<>();
                for (Box trak : children(new Box("moov", moov, at + headerSize))) {
                    if (trak.type.equals("trak")) {
                        tracks.add(parseTrack(trak, fileSize));
                    }
                }
                return new Mp4Reader(channel, tracks);
            }
            at += size;
        }
        throw new ParseException("no moov box: not an MP4/MOV file, or a fragmented one", at);
    }

    public List<Mp4Track> tracks() {
        return tracks;
    }

    /** The first track of a codec gscam knows with the given kind, or null. */
    public Mp4Track firstTrack(io.gscam.media.MediaKind kind) {
        for (Mp4Track t : tracks) {
            if (t.kind() == kind && t.codec() != null) {
                return t;
            }
        }
        return null;
    }

    /** Reads sample {@code index} of {@code track} (H.264 converted to Annex-B). */
    public Mp4Sample readSample(Mp4Track track, int index) throws IOException, ParseException {
        if (index < 0 || index >= track.sampleCount()) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + track.sampleCount());
        }
        byte[] raw = new byte[track.size(index)];
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long at = track.offset(index);
        while (buf.hasRemaining()) {
            channel.position(at + buf.position());
            if (channel.read(buf) < 0) {
                throw new ParseException("sample " + index + " runs past the end of the file", at + buf.position());
            }
        }
        byte[] data = raw;
        boolean key = track.keyframe(index);
        if (track.codec() == TrackCodec.H264 && track.avcConfig() != null) {
            List<NalUnit> units;
            try {
                units = Avcc.split(raw, track.avcConfig().lengthSize());
            } catch (ParseException e) {
                throw new ParseException("sample " + index + " of track " + track.trackId() + ": " + e.reason(), at + e.offset());
            }
            boolean hasSps = units.stream().anyMatch(NalUnit::isSps);
            if ((key || AnnexB.containsIdr(units)) && !hasSps) {
                List<NalUnit> all = new ArrayList<>();
                track.avcConfig().sps().forEach(b -> all.add(new NalUnit(b)));
                track.avcConfig().pps().forEach(b -> all.add(new NalUnit(b)));
                all.addAll(units);
                units = all;
            }
            data = AnnexB.join(units);
        }
        return new Mp4Sample(index, track.decodeTime(index), track.presentationTime(index), track.duration(index), key, data);
    }

    /** The track's samples in decode order. The iterator wraps I/O and parse errors in {@link IllegalStateException}. */
    public Iterator<Mp4Sample> samples(Mp4Track track) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < track.sampleCount();
            }

            @Override
            public Mp4Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return readSample(track, next++);
                } catch (IOException | ParseException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---- parsing ----

    /** A box's payload (after its header) and the file offset of that payload, for error messages. */
    private record Box(String type, ByteBuffer body, long fileOffset) {
        Box child(String childType) throws ParseException {
            for (Box b : children(this)) {
                if (b.type.equals(childType)) {
                    return b;
                }
            }
            return null;
        }

        Box require(String childType) throws ParseException {
            Box b = child(childType);
            if (b == null) {
                throw new ParseException("'" + type + "' has no '" + childType + "' box", fileOffset);
            }
            return b;
        }

        void need(int bytes) throws ParseException {
            if (body.limit() < bytes) {
                throw new ParseException("'" + type + "' box shorter than " + bytes + " bytes", fileOffset);
            }
        }

        long u32(int at) throws ParseException {
            need(at + 4);
            return body.getInt(at) & 0xFFFFFFFFL;
        }

        int u16(int at) throws ParseException {
            need(at + 2);
            return body.getShort(at) & 0xFFFF;
        }

        long u64(int at) throws ParseException {
            need(at + 8);
            return body.getLong(at);
        }

        /** A count read at {@code at} whose table of {@code entryBytes}-byte entries must fit after {@code tableAt}. */
        int count(int at, int tableAt, int entryBytes) throws ParseException {
            long n = u32(at);
            if (n > MAX_SAMPLES || tableAt + n * entryBytes > body.limit()) {
                throw new ParseException("'" + type + "' claims " + n + " entries that do not fit", fileOffset + at);
            }
            return (int) n;
        }
    }

    private static List<Box> children(Box parent) throws ParseException {
        return children(parent, 0);
    }

    private static List<Box> children(Box parent, int from) throws ParseException {
        ByteBuffer b = parent.body;
        List<Box> out = new ArrayList<>();
        int at = from;
        while (at + 8 <= b.limit()) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            String type = fourcc(b, at + 4);
            int header = 8;
            if (size == 1) {
                if (at + 16 > b.limit()) {
                    throw new ParseException("64-bit box size cut short", parent.fileOffset + at);
                }
                size = b.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = b.limit() - at;
            }
            if (size < header || size > b.limit() - at) {
                if (size == 8 && type.equals("\0\0\0\0")) {
                    break; // QuickTime's 32-bit zero terminator
                }
                throw new ParseException("box '" + type + "' of " + size + " bytes overruns '" + parent.type + "'",
                        parent.fileOffset + at);
            }
            ByteBuffer body = b.slice(at + header, (int) size - header);
            out.add(new Box(type, body, parent.fileOffset + at + header));
            at += (int) size;
        }
        return out;
    }

    private static Mp4Track parseTrack(Box trak, long fileSize) throws ParseException {
        Box tkhd = trak.require("tkhd");
        tkhd.need(1);
        int tkhdVersion = tkhd.body.get(0);
        int trackId = (int) tkhd.u32(tkhdVersion == 1 ? 20 : 12);
        Box mdia = trak.require("mdia");
        Box mdhd = mdia.require("mdhd");
        mdhd.need(1);
        long timescale = mdhd.body.get(0) == 1 ? mdhd.u32(20) : mdhd.u32(12);
        if (timescale == 0) {
            throw new ParseException("track " + trackId + " has timescale 0", mdhd.fileOffset);
        }
        Box hdlr = mdia.require("hdlr");
        hdlr.need(12);
        String handler = fourcc(hdlr.body, 8);
        Box stbl = mdia.require("minf").require("stbl");

        // Sample description: the first entry decides the codec.
        Box stsd = stbl.require("stsd");
        List<Box> entries = children(stsd, 8);
        if (entries.isEmpty()) {
            throw new ParseException("track " + trackId + " has no sample description", stsd.fileOffset);
        }
        Box entry = entries.get(0);
        String entryType = entry.type;
        int width = 0;
        int height = 0;
        int sampleRate = 0;
        int channels = 0;
        AvcDecoderConfigurationRecord avc = null;
        TrackCodec codec = null;
        if (handler.equals("vide")) {
            width = entry.u16(24);
            height = entry.u16(26);
            switch (entryType) {
                case "avc1", "avc3" -> {
                    Box avcC = children(entry, 78).stream().filter(b -> b.type.equals("avcC")).findFirst().orElse(null);
                    if (avcC == null) {
                        throw new ParseException("avc1 sample entry without avcC", entry.fileOffset);
                    }
                    byte[] rec = new byte[avcC.body.limit()];
                    avcC.body.get(0, rec);
                    try {
                        avc = AvcDecoderConfigurationRecord.parse(rec);
                    } catch (ParseException e) {
                        throw new ParseException(e.reason(), avcC.fileOffset + e.offset());
                    }
                    codec = TrackCodec.H264;
                }
                case "jpeg", "mjpa" -> codec = TrackCodec.MJPEG;
                default -> codec = null;
            }
        } else if (handler.equals("soun")) {
            int version = entry.u16(8);
            channels = entry.u16(16);
            int sampleSize = entry.u16(18);
            sampleRate = (int) (entry.u32(24) >>> 16);
            if (version == 2) {
                sampleRate = (int) Math.round(Double.longBitsToDouble(entry.u64(32)));
                channels = (int) entry.u32(40);
                sampleSize = (int) entry.u32(48);
            }
            codec = switch (entryType) {
                case "ulaw" -> TrackCodec.PCMU;
                case "alaw" -> TrackCodec.PCMA;
                case "sowt" -> sampleSize == 16 ? TrackCodec.PCM_S16LE : null;
                default -> null;
            };
        }

        // Sample sizes.
        Box stsz = stbl.require("stsz");
        long constantSize = stsz.u32(4);
        // PCM-style audio (one constant size, a codec gscam reads): a sample per chunk, no per-sample tables.
        // ffmpeg writes 8 kHz G.711 as one sample per byte, so an hour would be 28.8 M entries each.
        boolean perChunk = handler.equals("soun") && constantSize != 0 && codec != null;
        int count;
        int[] sizes = null;
        if (constantSize == 0) {
            count = stsz.count(8, 12, 4);
            sizes = new int[count];
            for (int i = 0; i < count; i++) {
                sizes[i] = sampleSize(stsz.u32(12 + 4 * i), stsz, i);
            }
        } else {
            long n = stsz.u32(8);
            if (n > MAX_SAMPLES || n * constantSize > fileSize) {
                throw new ParseException("stsz claims " + n + " samples of " + constantSize + " bytes", stsz.fileOffset + 8);
            }
            count = (int) n;
            int size = sampleSize(constantSize, stsz, 0);
            if (!perChunk) {
                sizes = new int[count];
                java.util.Arrays.fill(sizes, size);
            }
        }

        Box stts = stbl.require("stts");
        SampleTimes times = new SampleTimes(stts, stts.count(4, 8, 8));
        Box ctts = stbl.child("ctts");
        Box stss = stbl.child("stss");
        int cttsEntries = ctts == null ? 0 : ctts.count(4, 8, 8);
        int stssEntries = stss == null ? 0 : stss.count(4, 8, 4);

        // Chunks: offsets, and how many samples each holds.
        long[] chunkOffsets;
        Box stco = stbl.child("stco");
        if (stco != null) {
            int n = stco.count(4, 8, 4);
            chunkOffsets = new long[n];
            for (int i = 0; i < n; i++) {
                chunkOffsets[i] = stco.u32(8 + 4 * i);
            }
        } else {
            Box co64 = stbl.require("co64");
            int n = co64.count(4, 8, 8);
            chunkOffsets = new long[n];
            for (int i = 0; i < n; i++) {
                chunkOffsets[i] = co64.u64(8 + 8 * i);
            }
        }
        Box stsc = stbl.require("stsc");
        int stscEntries = stsc.count(4, 8, 12);
        int[] samplesInChunk = new int[chunkOffsets.length];
        for (int e = 0; e < stscEntries; e++) {
            long first = stsc.u32(8 + 12 * e);
            long perChunkCount = stsc.u32(12 + 12 * e);
            long nextFirst = e + 1 < stscEntries ? stsc.u32(8 + 12 * (e + 1)) : chunkOffsets.length + 1L;
            if (first < 1 || nextFirst < first || perChunkCount > MAX_SAMPLES) {
                throw new ParseException("stsc entry " + e + " out of order", stsc.fileOffset + 8 + 12L * e);
            }
            for (long c = first; c < nextFirst && c <= chunkOffsets.length; c++) {
                samplesInChunk[(int) c - 1] = (int) perChunkCount;
            }
        }

        if (perChunk) {
            return chunkTrack(trackId, handler, entryType, codec, timescale, sampleRate, channels, chunkOffsets,
                    samplesInChunk, count, (int) constantSize, times, fileSize, stbl);
        }

        // Decode times and durations.
        long[] dts = new long[count];
        long[] durations = new long[count];
        for (int s = 0; s < count; s++) {
            dts[s] = times.time();
            durations[s] = times.advance(1);
        }

        int[] cts = new int[count];
        for (int e = 0, s = 0; e < cttsEntries && s < count; e++) {
            long c = ctts.u32(8 + 8 * e);
            int offset = (int) ctts.u32(12 + 8 * e); // signed in version 1, and in practice in version 0 too
            for (long k = 0; k < c && s < count; k++) {
                cts[s++] = offset;
            }
        }

        boolean[] sync = new boolean[count];
        if (stss == null) {
            java.util.Arrays.fill(sync, true);
        } else {
            for (int e = 0; e < stssEntries; e++) {
                long number = stss.u32(8 + 4 * e);
                if (number >= 1 && number <= count) {
                    sync[(int) number - 1] = true;
                }
            }
        }

        long[] offsets = new long[count];
        int s = 0;
        for (int c = 0; c < chunkOffsets.length && s < count; c++) {
            long at = chunkOffsets[c];
            for (int k = 0; k < samplesInChunk[c] && s < count; k++, s++) {
                offsets[s] = at;
                at += sizes[s];
            }
        }
        if (s < count) {
            throw new ParseException("track " + trackId + ": chunks hold " + s + " of " + count + " samples", stsc.fileOffset);
        }
        for (int i = 0; i < count; i++) {
            if (offsets[i] + sizes[i] > fileSize) {
                throw new ParseException("track " + trackId + " sample " + i + " lies past the end of the file", stbl.fileOffset);
            }
        }
        return new Mp4Track(trackId, handler, entryType, codec, timescale, width, height, sampleRate, channels, avc,
                offsets, sizes, dts, cts, durations, sync);
    }

    /**
     * The decoding time-to-sample table (stts) read as it goes: runs of samples of one duration. Past
     * its last run the last duration goes on, as ffmpeg does for a short table.
     */
    private static final class SampleTimes {
        private final Box stts;
        private final int entries;
        private int entry = -1;
        private long left;   // samples left in the current run
        private long delta;  // their duration
        private long time;   // the decode time of the next sample

        SampleTimes(Box stts, int entries) {
            this.stts = stts;
            this.entries = entries;
        }

        /** The decode time of the next sample. */
        long time() {
            return time;
        }

        /** Moves past {@code n} samples; returns their total duration. */
        long advance(long n) throws ParseException {
            long duration = 0;
            while (n > 0) {
                if (left == 0 && entry + 1 < entries) {
                    entry++;
                    left = stts.u32(8 + 8 * entry);
                    delta = stts.u32(12 + 8 * entry);
                    continue;
                }
                long k = n; // past the last run: its duration goes on
                if (left > 0) {
                    k = Math.min(n, left);
                    left -= k;
                }
                duration += k * delta;
                n -= k;
            }
            time += duration;
            return duration;
        }
    }

    /** PCM-style audio: one entry per chunk, its samples' bytes back to back. */
    private static Mp4Track chunkTrack(int trackId, String handler, String entryType, TrackCodec codec, long timescale,
                                       int sampleRate, int channels, long[] chunkOffsets, int[] samplesInChunk,
                                       int count, int sampleSize, SampleTimes sampleTimes, long fileSize, Box stbl)
            throws ParseException {
        int chunks = chunkOffsets.length;
        long[] offsets = new long[chunks];
        int[] sizes = new int[chunks];
        long[] times = new long[chunks];
        long[] lengths = new long[chunks];
        int s = 0;
        int used = 0;
        for (int c = 0; c < chunks && s < count; c++) {
            int n = Math.min(samplesInChunk[c], count - s);
            long bytes = (long) n * sampleSize;
            if (bytes > MAX_SAMPLE_BYTES || chunkOffsets[c] + bytes > fileSize) {
                throw new ParseException("track " + trackId + " chunk " + c + " does not fit the file", stbl.fileOffset);
            }
            offsets[used] = chunkOffsets[c];
            sizes[used] = (int) bytes;
            times[used] = sampleTimes.time();
            lengths[used] = sampleTimes.advance(n);
            s += n;
            used++;
        }
        boolean[] sync = new boolean[used];
        java.util.Arrays.fill(sync, true);
        return new Mp4Track(trackId, handler, entryType, codec, timescale, 0, 0, sampleRate, channels, null,
                java.util.Arrays.copyOf(offsets, used), java.util.Arrays.copyOf(sizes, used),
                java.util.Arrays.copyOf(times, used), new int[used], java.util.Arrays.copyOf(lengths, used), sync);
    }

    private static int sampleSize(long size, Box stsz, int index) throws ParseException {
        if (size > MAX_SAMPLE_BYTES) {
            throw new ParseException("sample " + index + " of " + size + " bytes is too large", stsz.fileOffset);
        }
        return (int) size;
    }

    private static String fourcc(ByteBuffer b, int at) {
        byte[] code = new byte[4];
        b.get(at, code);
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer readFully(SeekableByteChannel channel, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            channel.position(at + buf.position());
            if (channel.read(buf) < 0) {
                break;
            }
        }
        buf.flip();
        return buf;
    }
}
