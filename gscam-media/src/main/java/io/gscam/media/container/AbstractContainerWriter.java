package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.g726.G726BitPacker;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.Avcc;
import io.gscam.media.h264.NalUnit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What both writers share: the track list, the wait for the first video keyframe (and for in-band
 * H.264 parameter sets when the track was declared without them), the per-track timelines, the
 * Annex-B to length-prefixed conversion and the counters. Subclasses write the bytes.
 */
abstract class AbstractContainerWriter implements ContainerWriter {

    /** One declared track and its running state. */
    static final class TrackState {
        final int id;
        Track track;
        final TrackTimeline timeline;
        long samples;
        long lastTicks;

        TrackState(int id, Track track) {
            this.id = id;
            this.track = track;
            this.timeline = new TrackTimeline(track.clockRate());
        }
    }

    final ContainerOutput out;
    final SyncPolicy syncPolicy;
    final List<TrackState> tracks = new ArrayList<>();
    private boolean started;
    private boolean closed;
    private long written;
    private long dropped;
    /** The NAL units of the H.264 sample being written, as {from, to} pairs; reused from sample to sample. */
    private int[] unitBounds = new int[32];
    /** The end of the latest sample written on the file timeline, in microseconds. */
    long fileNowMicros;
    /** The sample being written, reused from sample to sample. */
    private final Payload payload = new Payload();

    /**
     * A sample's bytes as they go into the file: H.264's units each after its size in 4 bytes, access
     * unit delimiters left out (made from the Annex-B sample only where they go, not as an array of
     * their own); any other codec's as given. Valid during {@link #writeTimed} only.
     */
    final class Payload {
        private byte[] data;
        /** H.264: how many units {@link #unitBounds} holds; -1 when the bytes go in as given. */
        private int units;
        private int size;

        private void set(byte[] data, int units, int size) {
            this.data = data;
            this.units = units;
            this.size = size;
        }

        int size() {
            return size;
        }

        /** The bytes as they go into the file: the sample's own array when they go in as given, else a new one. */
        byte[] toArray() {
            if (units < 0) {
                return data;
            }
            BoxBuffer b = new BoxBuffer(size);
            appendTo(b);
            return b.length() == b.array().length ? b.array() : b.toByteArray();
        }

        /** Appends the bytes as they go into the file. */
        void appendTo(ByteArrayBuilder b) {
            if (units < 0) {
                b.put(data);
                return;
            }
            for (int i = 0; i < units; i++) {
                if (unitType(data, i) == NalUnit.TYPE_AUD) {
                    continue;
                }
                int from = unitBounds[2 * i];
                int n = unitBounds[2 * i + 1] - from;
                b.putFixed(n, Avcc.LENGTH_SIZE);
                b.put(data, from, n);
            }
        }
    }

    AbstractContainerWriter(ContainerOutput out, SyncPolicy syncPolicy) {
        this.out = Objects.requireNonNull(out, "out");
        this.syncPolicy = Objects.requireNonNull(syncPolicy, "syncPolicy");
    }

    @Override
    public final int addTrack(Track track) {
        Objects.requireNonNull(track, "track");
        if (started || closed) {
            throw new IllegalStateException("tracks must be added before the first sample");
        }
        if (!supports(track)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot carry " + track.codec());
        }
        if (tracks.size() == 126) {
            throw new IllegalStateException("at most 126 tracks"); // Matroska block headers use a 1-byte track number here
        }
        TrackState state = new TrackState(tracks.size() + 1, track);
        tracks.add(state);
        return state.id;
    }

    @Override
    public final void writeSample(int trackId, MediaSample sample) throws IOException {
        Objects.requireNonNull(sample, "sample");
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        if (trackId < 1 || trackId > tracks.size()) {
            throw new IllegalArgumentException("no track " + trackId);
        }
        TrackState t = tracks.get(trackId - 1);
        if (sample.data().length == 0) {
            dropped++;
            return;
        }
        byte[] bytes = sample.data();
        boolean keyframe = sample.keyframe();
        if (t.track.codec() == TrackCodec.H264) {
            int units = findUnits(bytes);
            takeParameterSets(t, bytes, units);
            keyframe = keyframe || containsIdr(bytes, units);
            int size = lengthPrefixedSize(bytes, units);
            if (size == 0) {
                dropped++;
                return;
            }
            payload.set(bytes, units, size);
        } else {
            if (t.track.codec() == TrackCodec.G726 && t.track.g726Packing() != nativeG726Packing()) {
                bytes = G726BitPacker.repack(bytes, t.track.bitsPerSample(), t.track.g726Packing(), nativeG726Packing());
            }
            payload.set(bytes, -1, bytes.length);
        }
        if (!started) {
            if (!mayStartWith(t, keyframe)) {
                dropped++;
                return;
            }
            started = true;
            writeHeader();
        }
        long ticks = t.timeline.ticks(sample.rtpTimestamp(), fileNowMicros);
        writeTimed(t, ticks, payload, keyframe || t.track.kind() == MediaKind.AUDIO);
        // The file is now at the end of this sample: audio knows its length from its size, video
        // repeats its last frame interval. A track that starts (or restarts) later begins there.
        long end = t.track.kind() == MediaKind.AUDIO
                ? ticks + t.track.audioSamplesIn(bytes) * t.track.clockRate() / t.track.sampleRate()
                : ticks + (t.samples > 0 ? Math.max(0, ticks - t.lastTicks) : 0);
        t.lastTicks = ticks;
        fileNowMicros = Math.max(fileNowMicros, t.timeline.toMicros(end));
        t.samples++;
        written++;
    }

    /**
     * Finds the NAL units of an Annex-B access unit as {@link AnnexB#split} does (3- or 4-byte start
     * codes, zero bytes before a start code not part of a unit, empty units skipped, bytes before the
     * first start code a unit), into {@link #unitBounds} as {from, to} pairs: no copy of any unit.
     * Returns how many.
     */
    private int findUnits(byte[] data) {
        int count = 0;
        int unitStart = 0;
        for (int sc = AnnexB.indexOfStartCode(data, 0, data.length); sc >= 0;
                sc = AnnexB.indexOfStartCode(data, unitStart, data.length)) {
            count = addUnit(data, unitStart, sc, count);
            unitStart = sc + 3;
        }
        return addUnit(data, unitStart, data.length, count);
    }

    private int addUnit(byte[] data, int from, int to, int count) {
        int end = AnnexB.unitEnd(data, from, to);
        if (end <= from) {
            return count;
        }
        if (2 * count + 2 > unitBounds.length) {
            unitBounds = Arrays.copyOf(unitBounds, unitBounds.length * 2);
        }
        unitBounds[2 * count] = from;
        unitBounds[2 * count + 1] = end;
        return count + 1;
    }

    private int unitType(byte[] data, int unit) {
        return data[unitBounds[2 * unit]] & 0x1F;
    }

    private boolean containsIdr(byte[] data, int units) {
        for (int i = 0; i < units; i++) {
            if (unitType(data, i) == NalUnit.TYPE_IDR) {
                return true;
            }
        }
        return false;
    }

    /** The size of the units found, AUDs left out, each after its size in 4 bytes; 0 when none is left. */
    private int lengthPrefixedSize(byte[] data, int units) {
        int size = 0;
        for (int i = 0; i < units; i++) {
            if (unitType(data, i) != NalUnit.TYPE_AUD) {
                size += Avcc.LENGTH_SIZE + unitBounds[2 * i + 1] - unitBounds[2 * i];
            }
        }
        return size;
    }

    private void takeParameterSets(TrackState t, byte[] data, int units) {
        if (!t.track.sps().isEmpty() && !t.track.pps().isEmpty()) {
            return;
        }
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            int from = unitBounds[2 * i];
            int to = unitBounds[2 * i + 1];
            int type = unitType(data, i);
            if (type == NalUnit.TYPE_SPS && to - from >= 4) {
                sps.add(Arrays.copyOfRange(data, from, to));
            } else if (type == NalUnit.TYPE_PPS) {
                pps.add(Arrays.copyOfRange(data, from, to));
            }
        }
        if (!sps.isEmpty() && !pps.isEmpty() && !started) {
            t.track = t.track.withParameterSets(sps, pps);
        }
    }

    /** The file opens at the first video keyframe, once every H.264 track has its parameter sets. */
    private boolean mayStartWith(TrackState t, boolean keyframe) {
        boolean hasVideo = tracks.stream().anyMatch(s -> s.track.kind() == MediaKind.VIDEO);
        if (hasVideo && !(t.track.kind() == MediaKind.VIDEO && keyframe)) {
            return false;
        }
        return tracks.stream().noneMatch(s -> s.track.codec() == TrackCodec.H264
                && (s.track.sps().isEmpty() || s.track.pps().isEmpty()));
    }

    @Override
    public final void discontinuity() {
        for (TrackState t : tracks) {
            t.timeline.rebase();
        }
    }

    @Override
    public final long samplesWritten() {
        return written;
    }

    @Override
    public final long samplesDropped() {
        return dropped;
    }

    @Override
    public final long bytesWritten() {
        return out.position();
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                finish();
            } else {
                // Nothing arrived: still leave a well-formed (empty) file behind.
                writeHeader();
                finish();
            }
            out.flush(syncPolicy != SyncPolicy.NEVER);
        } finally {
            out.close();
        }
    }

    void flushFragment() throws IOException {
        out.flush(syncPolicy == SyncPolicy.EVERY_FRAGMENT);
    }

    /** The G.726 packing this container stores, so samples in the other packing are repacked. */
    abstract G726Packing nativeG726Packing();

    abstract void writeHeader() throws IOException;

    /**
     * Writes one sample.
     *
     * @param ticks    the sample's time on the file timeline in its track's clock
     * @param payload  the bytes as they go into the file (H.264 length-prefixed, G.726 in the native
     *                 packing); valid during the call only
     */
    abstract void writeTimed(TrackState t, long ticks, Payload payload, boolean keyframe) throws IOException;

    /** Writes pending samples and the closing index. */
    abstract void finish() throws IOException;
}
