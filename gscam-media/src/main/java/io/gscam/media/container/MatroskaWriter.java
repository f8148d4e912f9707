package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.g726.G726Packing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Matroska (.mkv) as media arrives, built to survive being killed at any moment.
 *
 * <p>Layout: EBML header; Segment of unknown size; a reserved Void where the SeekHead goes at
 * close; Info (1 ms TimestampScale, a reserved Void where Duration goes at close); Tracks; then
 * Clusters of unknown size, each a Timestamp and SimpleBlocks. A new Cluster starts at every video
 * keyframe and at least every second, and the output is flushed there, so a kill loses at most the
 * cluster in progress; on a file channel each block reaches the OS as soon as it is written, and
 * the size of each finished cluster is patched in. At a clean close on a seekable output the
 * writer adds Cues, fills in SeekHead and Duration, and patches the Segment size; without that the
 * file is still valid and plays (unknown sizes are legal Matroska, and what live muxers write).
 *
 * <p>Codecs: H.264 as {@code V_MPEG4/ISO/AVC} (avcC CodecPrivate, 4-byte NAL lengths), MJPEG as
 * {@code V_MJPEG}, G.711 as {@code A_MS/ACM} with WAVEFORMATEX tags 7 (mu-law) and 6 (A-law),
 * G.726 as {@code A_MS/ACM} tag 0x0045 with the code word size in wBitsPerSample, repacked to
 * MSB-first as ffmpeg's {@code g726} decoder reads it (this is also what ffmpeg's own muxer
 * writes), PCM as {@code A_PCM/INT/LIT}, and FLAC as {@code A_FLAC}.
 */
public final class MatroskaWriter extends AbstractContainerWriter {
    static final int ID_EBML = 0x1A45DFA3;
    static final int ID_SEGMENT = 0x18538067;
    static final int ID_SEEK_HEAD = 0x114D9B74;
    static final int ID_SEEK = 0x4DBB;
    static final int ID_SEEK_ID = 0x53AB;
    static final int ID_SEEK_POSITION = 0x53AC;
    static final int ID_INFO = 0x1549A966;
    static final int ID_TIMESTAMP_SCALE = 0x2AD7B1;
    static final int ID_DURATION = 0x4489;
    static final int ID_MUXING_APP = 0x4D80;
    static final int ID_WRITING_APP = 0x5741;
    static final int ID_TRACKS = 0x1654AE6B;
    static final int ID_TRACK_ENTRY = 0xAE;
    static final int ID_CLUSTER = 0x1F43B675;
    static final int ID_CLUSTER_TIMESTAMP = 0xE7;
    static final int ID_SIMPLE_BLOCK = 0xA3;
    static final int ID_CUES = 0x1C53BB6B;

    private static final long CLUSTER_MAX_MILLIS = 1000;
    /** Bytes of the SeekHead written at close: three Seek entries with fixed-width fields. */
    private static final int SEEK_HEAD_RESERVE = 4 + 1 + 3 * 21;
    /** Bytes of a Duration element: 2-byte ID, 1-byte size, 8-byte float. */
    private static final int DURATION_RESERVE = 11;

    private final String writingApp;
    /** A SimpleBlock's header: ID, size, track number, relative time, flags (the payload is written after it). */
    private final EbmlBuffer block = new EbmlBuffer(32);
    private long segmentSizeAt = -1;
    private long segmentDataStart;
    private long seekHeadAt;
    private long durationAt;
    private long infoAt;
    private long tracksAt;
    private boolean clusterOpen;
    private long clusterAt;
    private long clusterSizeAt;
    private long clusterMillis;
    private long lastMillis;
    private long[] lastStart;
    private final List<long[]> cues = new ArrayList<>(); // {timeMillis, trackNumber, clusterOffsetInSegment}

    private MatroskaWriter(ContainerOutput out, SyncPolicy syncPolicy, String writingApp) {
        super(out, syncPolicy);
        this.writingApp = writingApp;
    }

    /** A writer on a file channel: seekable, so cluster sizes, Cues and Duration are filled in. */
    public static MatroskaWriter create(FileChannel channel, SyncPolicy syncPolicy, String writingApp) throws IOException {
        return new MatroskaWriter(ContainerOutput.of(channel, true), syncPolicy, writingApp);
    }

    /** A writer on a stream (pipe, socket): everything stays unknown-sized; closes the stream at close. */
    public static MatroskaWriter create(OutputStream stream, String writingApp) throws IOException {
        return new MatroskaWriter(ContainerOutput.of(stream, true), SyncPolicy.NEVER, writingApp);
    }

    @Override
    public boolean supports(Track track) {
        return true;
    }

    @Override
    G726Packing nativeG726Packing() {
        return G726Packing.AAL2_BE;
    }

    @Override
    void writeHeader() throws IOException {
        lastStart = new long[tracks.size() + 1];
        EbmlBuffer b = new EbmlBuffer(1024);
        EbmlBuffer ebml = new EbmlBuffer();
        ebml.uint(0x4286, 1);          // EBMLVersion
        ebml.uint(0x42F7, 1);          // EBMLReadVersion
        ebml.uint(0x42F2, 4);          // EBMLMaxIDLength
        ebml.uint(0x42F3, 8);          // EBMLMaxSizeLength
        ebml.string(0x4282, "matroska");
        ebml.uint(0x4287, 4);          // DocTypeVersion
        ebml.uint(0x4285, 2);          // DocTypeReadVersion (SimpleBlock)
        b.master(ID_EBML, ebml);

        b.id(ID_SEGMENT);
        long base = out.position();
        segmentSizeAt = base + b.length();
        b.unknownSize();
        segmentDataStart = base + b.length();

        seekHeadAt = base + b.length();
        b.voidElement(SEEK_HEAD_RESERVE);

        infoAt = base + b.length();
        EbmlBuffer info = new EbmlBuffer();
        info.uint(ID_TIMESTAMP_SCALE, 1_000_000);
        info.string(ID_MUXING_APP, writingApp);
        info.string(ID_WRITING_APP, writingApp);
        int durationOffset = info.length();
        info.voidElement(DURATION_RESERVE);
        b.id(ID_INFO);
        b.size(info.length());
        durationAt = base + b.length() + durationOffset;
        b.put(info.toByteArray());

        tracksAt = base + b.length();
        EbmlBuffer all = new EbmlBuffer();
        for (TrackState t : tracks) {
            all.master(ID_TRACK_ENTRY, trackEntry(t));
        }
        b.master(ID_TRACKS, all);
        out.write(b.array(), 0, b.length());
        flushFragment();
    }

    private static EbmlBuffer trackEntry(TrackState t) {
        Track track = t.track;
        EbmlBuffer e = new EbmlBuffer();
        e.uint(0xD7, t.id);                                   // TrackNumber
        e.uint(0x73C5, t.id);                                 // TrackUID
        e.uint(0x83, track.kind() == MediaKind.VIDEO ? 1 : 2); // TrackType
        e.uint(0x9C, 0);                                      // FlagLacing
        e.string(0x22B59C, "und");                            // Language
        switch (track.codec()) {
            case H264 -> {
                e.string(0x86, "V_MPEG4/ISO/AVC");
                e.binary(0x63A2, AvcDecoderConfigurationRecord.of(track.sps(), track.pps()).toBytes());
            }
            case MJPEG -> e.string(0x86, "V_MJPEG");
            case PCMU, PCMA, G726 -> {
                e.string(0x86, "A_MS/ACM");
                e.binary(0x63A2, waveFormatEx(track));
            }
            case PCM_S16LE -> e.string(0x86, "A_PCM/INT/LIT");
            case FLAC -> {
                // CodecPrivate: the start of a native FLAC stream, "fLaC" and its metadata blocks.
                e.string(0x86, "A_FLAC");
                e.binary(0x63A2, track.flacStreamInfo().toStreamHeader());
            }
        }
        if (track.kind() == MediaKind.VIDEO) {
            EbmlBuffer v = new EbmlBuffer();
            v.uint(0xB0, track.width());                      // PixelWidth
            v.uint(0xBA, track.height());                     // PixelHeight
            e.master(0xE0, v);
        } else {
            EbmlBuffer a = new EbmlBuffer();
            a.floatElement(0xB5, track.sampleRate());         // SamplingFrequency
            a.uint(0x9F, track.channels());                   // Channels
            a.uint(0x6264, track.bitsPerSample());            // BitDepth
            e.master(0xE1, a);
        }
        return e;
    }

    /** WAVEFORMATEX (18 bytes, little-endian) for the A_MS/ACM codecs. */
    static byte[] waveFormatEx(Track track) {
        int tag = switch (track.codec()) {
            case PCMU -> 0x0007;
            case PCMA -> 0x0006;
            case G726 -> 0x0045;
            default -> throw new IllegalArgumentException(track.codec() + " has no WAVE format tag here");
        };
        int bits = track.bitsPerSample();
        int blockAlign = track.codec() == TrackCodec.G726 ? 1 : track.channels();
        long byteRate = (long) track.sampleRate() * track.channels() * bits / 8;
        byte[] w = new byte[18];
        le(w, 0, tag, 2);
        le(w, 2, track.channels(), 2);
        le(w, 4, track.sampleRate(), 4);
        le(w, 8, byteRate, 4);
        le(w, 12, blockAlign, 2);
        le(w, 14, bits, 2);
        le(w, 16, 0, 2); // cbSize
        return w;
    }

    private static void le(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    void writeTimed(TrackState t, long ticks, Payload sample, boolean keyframe) throws IOException {
        byte[] payload = sample.toArray();
        long millis = t.timeline.toMillis(ticks);
        boolean videoKey = keyframe && t.track.kind() == MediaKind.VIDEO;
        boolean cut = !clusterOpen
                || videoKey
                || millis - clusterMillis >= CLUSTER_MAX_MILLIS
                || millis - clusterMillis < Short.MIN_VALUE;
        if (cut) {
            startCluster(Math.max(0, millis), t.id, videoKey);
        }
        long relative = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, millis - clusterMillis));
        block.reset();
        block.id(ID_SIMPLE_BLOCK);
        block.size(4L + payload.length);
        block.put(0x80 | t.id);           // track number as a 1-byte varint (tracks 1..126)
        block.putFixed(relative, 2);
        block.put(keyframe ? 0x80 : 0x00);
        out.write(block.array(), block.length(), payload); // the payload is not copied into the block
        // Duration at close is where the last sample ends: audio knows its length, video repeats its last step.
        long end = t.track.kind() == MediaKind.AUDIO
                ? millis + t.track.audioSamplesIn(payload) * 1000 / t.track.sampleRate()
                : millis + (t.samples > 0 ? Math.max(0, millis - lastStart[t.id]) : 0);
        lastStart[t.id] = millis;
        lastMillis = Math.max(lastMillis, end);
    }

    private void startCluster(long millis, int trackNumber, boolean videoKey) throws IOException {
        endCluster();
        clusterAt = out.position();
        EbmlBuffer b = new EbmlBuffer(32);
        b.id(ID_CLUSTER);
        clusterSizeAt = clusterAt + b.length();
        b.unknownSize();
        b.uint(ID_CLUSTER_TIMESTAMP, millis);
        out.write(b.array(), 0, b.length());
        clusterOpen = true;
        clusterMillis = millis;
        boolean hasVideo = tracks.stream().anyMatch(s -> s.track.kind() == MediaKind.VIDEO);
        if (videoKey || !hasVideo) {
            cues.add(new long[]{millis, trackNumber, clusterAt - segmentDataStart});
        }
    }

    /** Closes the open cluster: hands it to the OS (flush) and, when seekable, writes its real size. */
    private void endCluster() throws IOException {
        if (!clusterOpen) {
            return;
        }
        if (out.seekable()) {
            out.patch(clusterSizeAt, EbmlBuffer.fixedSize8(out.position() - clusterSizeAt - 8));
        }
        clusterOpen = false;
        flushFragment();
    }

    @Override
    void finish() throws IOException {
        endCluster();
        if (!out.seekable()) {
            return;
        }
        long cuesAt = -1;
        if (!cues.isEmpty()) {
            cuesAt = out.position();
            EbmlBuffer all = new EbmlBuffer();
            for (long[] cue : cues) {
                EbmlBuffer positions = new EbmlBuffer();
                positions.uint(0xF7, cue[1]);   // CueTrack
                positions.uint(0xF1, cue[2]);   // CueClusterPosition
                EbmlBuffer point = new EbmlBuffer();
                point.uint(0xB3, cue[0]);       // CueTime
                point.master(0xB7, positions);  // CueTrackPositions
                all.master(0xBB, point);        // CuePoint
            }
            EbmlBuffer c = new EbmlBuffer();
            c.master(ID_CUES, all);
            out.write(c.array(), 0, c.length());
        }
        EbmlBuffer seeks = new EbmlBuffer();
        seek(seeks, ID_INFO, infoAt - segmentDataStart);
        seek(seeks, ID_TRACKS, tracksAt - segmentDataStart);
        if (cuesAt >= 0) {
            seek(seeks, ID_CUES, cuesAt - segmentDataStart);
        }
        EbmlBuffer head = new EbmlBuffer();
        head.master(ID_SEEK_HEAD, seeks);
        if (head.length() < SEEK_HEAD_RESERVE) {
            head.voidElement(SEEK_HEAD_RESERVE - head.length());
        }
        out.patch(seekHeadAt, head.toByteArray());

        EbmlBuffer duration = new EbmlBuffer();
        duration.floatElement(ID_DURATION, lastDurationMillis());
        out.patch(durationAt, duration.toByteArray());
        out.patch(segmentSizeAt, EbmlBuffer.fixedSize8(out.position() - segmentDataStart));
    }

    private double lastDurationMillis() {
        return lastMillis;
    }

    private static void seek(EbmlBuffer seeks, int id, long position) {
        EbmlBuffer s = new EbmlBuffer();
        s.id(ID_SEEK_ID);
        s.size(4);
        s.putFixed(id, 4);
        s.uint8(ID_SEEK_POSITION, position);
        seeks.master(ID_SEEK, s);
    }
}
