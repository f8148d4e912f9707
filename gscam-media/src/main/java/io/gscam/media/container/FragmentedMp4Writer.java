package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.g726.G726Packing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes fragmented MP4 (ISO/IEC 14496-12 with movie fragments) as media arrives: {@code ftyp} and
 * a sample-less {@code moov} (with {@code mvex}/{@code trex}) first, then one {@code moof}+{@code mdat}
 * per video keyframe (GOP) or at least every second, each flushed as it is complete. A process
 * killed mid-recording leaves every complete fragment playable. At a clean close the writer adds
 * an {@code mfra} index of the keyframe fragments, which players use to seek.
 *
 * <p>Codecs: H.264 as {@code avc1} with {@code avcC} (4-byte NAL lengths), MJPEG as {@code jpeg},
 * G.711 as the QuickTime {@code ulaw}/{@code alaw} sample entries and PCM as {@code sowt}, which
 * ffmpeg's mov/mp4 demuxer reads from .mp4 as well; G.726 has no MP4 sample entry a player knows,
 * so {@link #supports} refuses it (record it to .mkv, or transcode it to FLAC with
 * {@link io.gscam.media.flac.FlacTranscoder}). FLAC is written as Xiph's {@code fLaC} sample entry
 * with a {@code dfLa} box, one FLAC frame per sample, which browsers play through MSE.
 *
 * <p>A sample's duration is only known when the next one of its track arrives, so each track's
 * latest sample is held back until then (for video, one frame: about 33 ms).
 */
public final class FragmentedMp4Writer extends AbstractContainerWriter {
    private static final long FRAGMENT_MAX_MICROS = 1_000_000;
    private static final int FLAGS_SYNC = 0x02000000;       // sample_depends_on = 2 (depends on no other)
    private static final int FLAGS_NON_SYNC = 0x01010000;   // depends_on = 1, sample_is_non_sync_sample

    /**
     * A sample waiting for its duration, or placed in the fragment being built. Its bytes are in its
     * run's {@link Run#data}; an audio sample keeps its array too (a FLAC frame's length is in it).
     */
    private record Entry(long dts, long pts, byte[] audio, int size, boolean sync, long duration) {
    }

    private static final class Run {
        final List<Entry> entries = new ArrayList<>();
        /**
         * The bytes of the placed entries, back to back, then the held one's; reused from fragment to
         * fragment. Each sample's bytes are copied in as it arrives (H.264 made length-prefixed on the
         * way, not into an array of its own) and written from here: the collector never carries a
         * second of every camera's media from one young collection to the next (docs/benchmarks.md,
         * "NVR ingest vs ffmpeg -f segment"); and the array itself goes from segment to segment
         * ({@link FragmentArrays}).
         */
        final BoxBuffer data;
        /** How many of {@link #data}'s bytes are the placed entries'. */
        int placedBytes;
        Entry held;
        long lastDts = Long.MIN_VALUE;
        long lastDuration;

        Run(BoxBuffer data) {
            this.data = data;
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final List<long[]> randomAccess = new ArrayList<>(); // {trackId, time, moofOffset, trafNumber}
    private int sequence;
    private long fragmentsWritten;
    private long fragmentStartMicros = -1;
    private final FragmentArrays arrays;
    /** This writer's ticket to {@link #arrays}, which a later writer may have taken over. */
    private final int ticket;
    /** The fragment being written, moof and the mdat header; reused. */
    private final BoxBuffer fragment;
    /** The free box that pads a fragment to its block (O_DIRECT); reused. */
    private final BoxBuffer padding;
    /** The parts of a fragment's write: the moof, each track's samples, the padding. */
    private byte[][] parts = new byte[2][];
    private int[] partLengths = new int[2];

    private FragmentedMp4Writer(ContainerOutput out, SyncPolicy syncPolicy, FragmentArrays arrays) {
        super(out, syncPolicy);
        this.arrays = arrays;
        this.ticket = arrays.takeOver();
        this.fragment = arrays.fragment();
        this.padding = arrays.padding();
    }

    /** A writer on a file channel; the channel is closed at close. */
    public static FragmentedMp4Writer create(FileChannel channel, SyncPolicy syncPolicy) throws IOException {
        return create(channel, syncPolicy, new FragmentArrays());
    }

    /**
     * A writer on a file channel that builds its fragments in {@code arrays}, taking them over from the
     * writer that had them; the channel is closed at close.
     */
    public static FragmentedMp4Writer create(FileChannel channel, SyncPolicy syncPolicy, FragmentArrays arrays)
            throws IOException {
        return new FragmentedMp4Writer(ContainerOutput.of(channel, true), syncPolicy, arrays);
    }

    /**
     * A writer on a channel opened with {@code ExtendedOpenOption.DIRECT}, on a file system of
     * {@code blocks.blockSize()}-byte blocks: the header and every fragment end in a {@code free} box
     * that fills their last block, so each goes to the device whole, once, and with no copy into the page
     * cache. The padding costs half a block per fragment on average. The channel is closed at close.
     */
    public static FragmentedMp4Writer createDirect(FileChannel channel, SyncPolicy syncPolicy, BlockBuffers blocks)
            throws IOException {
        return createDirect(channel, syncPolicy, blocks, new FragmentArrays());
    }

    /** {@link #createDirect(FileChannel, SyncPolicy, BlockBuffers)}, building the fragments in {@code arrays}. */
    public static FragmentedMp4Writer createDirect(FileChannel channel, SyncPolicy syncPolicy, BlockBuffers blocks,
                                                   FragmentArrays arrays) throws IOException {
        return new FragmentedMp4Writer(ContainerOutput.direct(channel, blocks), syncPolicy, arrays);
    }

    /** A writer on a stream (pipe, socket); the stream is closed at close. */
    public static FragmentedMp4Writer create(OutputStream stream) throws IOException {
        return new FragmentedMp4Writer(ContainerOutput.of(stream, true), SyncPolicy.NEVER, new FragmentArrays());
    }

    @Override
    public boolean supports(Track track) {
        return track.codec() != TrackCodec.G726;
    }

    @Override
    G726Packing nativeG726Packing() {
        return G726Packing.AAL2_BE; // never used: G.726 is refused
    }

    @Override
    void writeHeader() throws IOException {
        arrays.check(ticket);
        for (int i = runs.size(); i < tracks.size(); i++) {
            runs.add(new Run(arrays.samples(i)));
        }
        BoxBuffer b = init(tracks.stream().map(t -> t.track).toList()); // TrackState ids are positions + 1
        padToBlock(b, b.length());
        out.write(b.array(), 0, b.length());
        flushFragment();
    }

    /**
     * The init segment this writer starts with, ftyp and a sample-less moov, for a writer of its own
     * (the NVR's live view to Media Source Extensions); track ids are list positions + 1.
     *
     * @throws IllegalArgumentException for a codec without an MP4 sample entry (G.726)
     */
    public static byte[] initSegment(List<Track> tracks) {
        return init(tracks).toByteArray();
    }

    private static BoxBuffer init(List<Track> tracks) {
        BoxBuffer b = new BoxBuffer();
        b.start("ftyp").fourcc("iso5").u32(512).fourcc("iso5").fourcc("iso6").fourcc("mp41").end();
        b.start("moov");
        b.startFull("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0)
                .u32(0x00010000).u16(0x0100).zeros(10).unityMatrix().zeros(24).u32(tracks.size() + 1L).end();
        for (int i = 0; i < tracks.size(); i++) {
            trak(b, i + 1, tracks.get(i));
        }
        b.start("mvex");
        for (int i = 0; i < tracks.size(); i++) {
            b.startFull("trex", 0, 0).u32(i + 1).u32(1).u32(0).u32(0).u32(0).end();
        }
        b.end();
        b.end();
        return b;
    }

    private static void trak(BoxBuffer b, int id, Track track) {
        boolean video = track.kind() == MediaKind.VIDEO;
        b.start("trak");
        b.startFull("tkhd", 0, 0x3).u32(0).u32(0).u32(id).u32(0).u32(0).zeros(8)
                .u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0).unityMatrix()
                .u32((long) track.width() << 16).u32((long) track.height() << 16).end();
        b.start("mdia");
        b.startFull("mdhd", 0, 0).u32(0).u32(0).u32(track.clockRate()).u32(0).u16(0x55C4).u16(0).end(); // 'und'
        b.startFull("hdlr", 0, 0).u32(0).fourcc(video ? "vide" : "soun").zeros(12)
                .bytes((video ? "VideoHandler\0" : "SoundHandler\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).end();
        b.start("minf");
        if (video) {
            b.startFull("vmhd", 0, 1).zeros(8).end();
        } else {
            b.startFull("smhd", 0, 0).zeros(4).end();
        }
        b.start("dinf").startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end().end();
        b.start("stbl");
        b.startFull("stsd", 0, 0).u32(1);
        sampleEntry(b, track);
        b.end();
        b.startFull("stts", 0, 0).u32(0).end();
        b.startFull("stsc", 0, 0).u32(0).end();
        b.startFull("stsz", 0, 0).u32(0).u32(0).end();
        b.startFull("stco", 0, 0).u32(0).end();
        b.end(); // stbl
        b.end(); // minf
        b.end(); // mdia
        b.end(); // trak
    }

    static void sampleEntry(BoxBuffer b, Track track) {
        switch (track.codec()) {
            case H264, MJPEG -> {
                b.start(track.codec() == TrackCodec.H264 ? "avc1" : "jpeg");
                b.zeros(6).u16(1)                       // reserved, data_reference_index
                        .u16(0).u16(0).zeros(12)        // pre_defined, reserved, pre_defined
                        .u16(track.width()).u16(track.height())
                        .u32(0x00480000).u32(0x00480000) // 72 dpi
                        .u32(0).u16(1)                  // reserved, frame_count
                        .zeros(32)                      // compressorname
                        .u16(0x0018).u16(0xFFFF);       // depth, pre_defined = -1
                if (track.codec() == TrackCodec.H264) {
                    b.start("avcC").bytes(AvcDecoderConfigurationRecord.of(track.sps(), track.pps()).toBytes()).end();
                }
                b.end();
            }
            case PCMU, PCMA, PCM_S16LE -> {
                b.start(switch (track.codec()) {
                    case PCMU -> "ulaw";
                    case PCMA -> "alaw";
                    default -> "sowt";
                });
                b.zeros(6).u16(1)                       // reserved, data_reference_index
                        .u16(0).u16(0).u32(0)           // version 0, revision, vendor
                        .u16(track.channels()).u16(16)  // channelcount, samplesize (QuickTime: 16 for G.711 too)
                        .u16(0).u16(0)                  // compression_id, packet_size
                        .u32((long) track.sampleRate() << 16);
                b.end();
            }
            case FLAC -> {
                // Xiph's "Encapsulation of FLAC in ISO Base Media File Format": an AudioSampleEntry
                // 'fLaC' whose dfLa box holds the metadata blocks (here STREAMINFO only, flagged last).
                b.start("fLaC");
                b.zeros(6).u16(1)                       // reserved, data_reference_index
                        .zeros(8)                       // reserved
                        .u16(track.channels()).u16(track.bitsPerSample())
                        .u16(0).u16(0)                  // pre_defined, reserved
                        .u32(track.sampleRate() <= 0xFFFF ? (long) track.sampleRate() << 16 : 0);
                b.startFull("dfLa", 0, 0).bytes(track.flacStreamInfo().toMetadataBlock(true)).end();
                b.end();
            }
            default -> throw new IllegalArgumentException(track.codec() + " has no MP4 sample entry");
        }
    }

    @Override
    void writeTimed(TrackState t, long ticks, Payload payload, boolean keyframe) throws IOException {
        arrays.check(ticket);
        Run run = runs.get(t.id - 1);
        long dts = run.lastDts == Long.MIN_VALUE ? Math.max(0, ticks) : Math.max(ticks, run.lastDts + 1);
        run.lastDts = dts;
        if (run.held != null) {
            long duration = dts - run.held.dts();
            place(t, run, duration);
        }
        long micros = t.timeline.toMicros(dts);
        boolean videoKey = keyframe && t.track.kind() == MediaKind.VIDEO;
        if (fragmentStartMicros >= 0 && (videoKey || micros - fragmentStartMicros >= FRAGMENT_MAX_MICROS)) {
            writeFragment();
        }
        run.held = new Entry(dts, ticks, t.track.kind() == MediaKind.AUDIO ? payload.toArray() : null, payload.size(),
                keyframe, 0);
        payload.appendTo(run.data); // after the placed ones, which a fragment written above took
    }

    /** Moves the track's held sample into the fragment being built, with its duration now known. */
    private void place(TrackState t, Run run, long duration) {
        Entry h = run.held;
        if (duration <= 0) {
            duration = t.track.kind() == MediaKind.AUDIO
                    ? t.track.audioSamplesIn(h.audio()) * t.track.clockRate() / t.track.sampleRate()
                    : run.lastDuration > 0 ? run.lastDuration : t.track.clockRate() / 30;
        }
        run.lastDuration = duration;
        run.entries.add(new Entry(h.dts(), h.pts(), null, h.size(), h.sync(), duration));
        run.placedBytes += h.size();
        run.held = null;
        if (fragmentStartMicros < 0) {
            fragmentStartMicros = t.timeline.toMicros(h.dts());
        }
    }

    private void writeFragment() throws IOException {
        long moofAt = out.position();
        sequence++;
        BoxBuffer b = fragment;
        b.reset();
        List<Integer> offsetFields = new ArrayList<>();
        List<Long> payloadBytes = new ArrayList<>();
        b.start("moof");
        b.startFull("mfhd", 0, 0).u32(sequence).end();
        int trafNumber = 0;
        for (TrackState t : tracks) {
            Run run = runs.get(t.id - 1);
            if (run.entries.isEmpty()) {
                continue;
            }
            trafNumber++;
            Entry first = run.entries.get(0);
            if (first.sync() && (t.track.kind() == MediaKind.VIDEO || tracks.stream().noneMatch(s -> s.track.kind() == MediaKind.VIDEO))) {
                randomAccess.add(new long[]{t.id, first.dts(), moofAt, trafNumber});
            }
            boolean needsCts = run.entries.stream().anyMatch(e -> e.pts() != e.dts());
            boolean negativeCts = run.entries.stream().anyMatch(e -> e.pts() < e.dts());
            b.start("traf");
            b.startFull("tfhd", 0, 0x020000).u32(t.id).end(); // default-base-is-moof
            b.startFull("tfdt", 1, 0).u64(first.dts()).end();
            int flags = 0x000001 | 0x000100 | 0x000200 | 0x000400 | (needsCts ? 0x000800 : 0);
            b.startFull("trun", negativeCts ? 1 : 0, flags).u32(run.entries.size());
            offsetFields.add(b.length());
            b.u32(0); // data_offset, patched below
            long bytes = 0;
            for (Entry e : run.entries) {
                b.u32(e.duration()).u32(e.size()).u32(e.sync() ? FLAGS_SYNC : FLAGS_NON_SYNC);
                if (needsCts) {
                    b.u32(e.pts() - e.dts());
                }
                bytes += e.size();
            }
            payloadBytes.add(bytes);
            b.end(); // trun
            b.end(); // traf
        }
        b.end(); // moof
        if (offsetFields.isEmpty()) {
            return;
        }
        long mdatPayload = payloadBytes.stream().mapToLong(Long::longValue).sum();
        long offset = b.length() + 8L;
        for (int i = 0; i < offsetFields.size(); i++) {
            b.patch32(offsetFields.get(i), offset);
            offset += payloadBytes.get(i);
        }
        b.u32(8 + mdatPayload).fourcc("mdat");
        // The whole fragment in one write, not one per sample, and gathered: the samples are not
        // copied in behind the moof first.
        if (parts.length < tracks.size() + 2) {
            parts = new byte[tracks.size() + 2][];
            partLengths = new int[tracks.size() + 2];
        }
        int n = 0;
        parts[n] = b.array();
        partLengths[n++] = b.length();
        long length = b.length();
        for (TrackState t : tracks) {
            Run run = runs.get(t.id - 1);
            if (run.placedBytes > 0) {
                parts[n] = run.data.array();
                partLengths[n++] = run.placedBytes;
                length += run.placedBytes;
            }
        }
        padding.reset();
        padToBlock(padding, length);
        if (padding.length() > 0) {
            parts[n] = padding.array();
            partLengths[n++] = padding.length();
        }
        out.write(parts, partLengths, n);
        for (TrackState t : tracks) {
            Run run = runs.get(t.id - 1);
            run.entries.clear();
            run.data.dropFirst(run.placedBytes); // a held sample's bytes stay, for the next fragment
            run.placedBytes = 0;
        }
        Arrays.fill(parts, 0, n, null);
        fragmentsWritten++;
        fragmentStartMicros = -1;
        flushFragment();
    }

    /**
     * On an O_DIRECT output, appends to {@code b} the {@code free} box that makes a write of
     * {@code length} bytes (this box not counted) end on a block boundary (a box is at least 8 bytes:
     * a gap of 1 to 7 bytes takes a block more); nothing otherwise.
     */
    private void padToBlock(BoxBuffer b, long length) {
        int block = out.blockSize();
        if (block == 1) {
            return;
        }
        int gap = (int) (-(out.position() + length) & (block - 1));
        if (gap == 0) {
            return;
        }
        if (gap < 8) {
            gap += block;
        }
        b.u32(gap).fourcc("free").zeros(gap - 8);
    }

    /** Fragments written so far (moof+mdat pairs). */
    public long fragmentsWritten() {
        return fragmentsWritten;
    }

    @Override
    void finish() throws IOException {
        arrays.check(ticket);
        for (TrackState t : tracks) {
            Run run = runs.get(t.id - 1);
            if (run.held != null) {
                place(t, run, 0);
            }
        }
        writeFragment();
        if (randomAccess.isEmpty()) {
            return;
        }
        BoxBuffer b = new BoxBuffer();
        b.start("mfra");
        for (TrackState t : tracks) {
            List<long[]> points = randomAccess.stream().filter(p -> p[0] == t.id).toList();
            if (points.isEmpty()) {
                continue;
            }
            b.startFull("tfra", 1, 0).u32(t.id).u32(0).u32(points.size()); // 1-byte traf/trun/sample numbers
            for (long[] p : points) {
                b.u64(p[1]).u64(p[2]).u8((int) p[3]).u8(1).u8(1);
            }
            b.end();
        }
        b.startFull("mfro", 0, 0).u32(b.length() + 4L).end(); // size of the whole mfra, mfro included
        b.end();
        out.write(b.array(), 0, b.length());
    }
}
