package io.gscam.client.record;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraState;
import io.gscam.client.LossEvent;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.Track;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records a camera session into a container as it arrives, without re-encoding: a
 * {@link CameraListener} to pass to {@link io.gscam.client.GsCamClient#open(io.gscam.client.CameraOptions, CameraListener)}.
 * <pre>{@code
 * try (Recorder recorder = new Recorder(RecordingTarget.file(Path.of("cam.mkv")), Duration.ofMinutes(10));
 *      CameraSession camera = client.open(options, recorder)) {
 *     recorder.awaitFinished(Duration.ofMinutes(11));
 * }
 * }</pre>
 *
 * <p>The file opens at the first video frame (H.264 parameter sets come from the SDP or the stream)
 * and starts at a keyframe. When the camera comes back after a loss with the same tracks, the
 * recording goes on in the same file, its timeline continued ({@link ContainerWriter#discontinuity()});
 * when the tracks changed (codec, picture size), the current file is finished and the next part
 * begins ({@link RecordingTarget}). With a duration limit, frames are written while their media
 * time since the first written frame is below it, so 5 s of 30 fps video are exactly 150 frames.
 *
 * <p>Thread safe: the session's I/O thread delivers, any thread may read {@link #status()} or close.
 */
public final class Recorder implements CameraListener, AutoCloseable {
    /** RTP ticks to nanoseconds round down: a frame this close below the limit is at the limit. */
    private static final long ROUNDING_NANOS = 1_000;

    private final RecordingTarget target;
    private final long limitNanos;
    private final CountDownLatch finishedLatch = new CountDownLatch(1);

    private StreamInfo info;
    private boolean newConnection;
    private List<Track> layout = List.of();
    private ContainerWriter writer;
    private int part = -1;
    private final Map<Integer, Integer> writerTrackIds = new HashMap<>();
    private int leadingTrack = -1;

    private long baseNanos = -1;
    private long offsetNanos;
    private long mediaNanos;
    /** The leading track's last presentation time in this session, and its last frame interval. */
    private long lastLeadingPts = -1;
    private long leadingIntervalNanos;
    private long videoFrames;
    private long audioFrames;
    private long skipped;
    private long packetsLost;
    private int reconnects;
    private long bytesOfClosedParts;
    private final List<String> files = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();

    private boolean finished;
    private boolean closed;
    private IOException failure;

    /**
     * @param target where to write
     * @param limit  media time to record, or null for no limit (until {@link #close()})
     */
    public Recorder(RecordingTarget target, Duration limit) {
        this.target = Objects.requireNonNull(target, "target");
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("duration must be positive: " + limit);
        }
        this.limitNanos = limit == null ? Long.MAX_VALUE : limit.toNanos();
    }

    /** Records into {@code file} (.mkv or .mp4) until closed. */
    public static Recorder toFile(Path file) {
        return new Recorder(RecordingTarget.file(file), null);
    }

    @Override
    public synchronized void onStateChange(StateChange change) {
        if (change.state() == CameraState.CONNECTING || change.state() == CameraState.RECONNECTING) {
            newConnection = true;
        }
    }

    @Override
    public synchronized void onStreamInfo(StreamInfo next) {
        if (finished) {
            return;
        }
        boolean reconnected = info != null && (newConnection || !next.sessionId().equals(info.sessionId()));
        info = next;
        newConnection = false;
        List<Track> nextLayout = layoutOf(next);
        if (reconnected) {
            reconnects++;
            // The writer places the next session's first frame one frame after the last (discontinuity()),
            // so media time, and the duration limit, go on from there too.
            offsetNanos = mediaNanos + leadingIntervalNanos;
            baseNanos = -1;
            lastLeadingPts = -1;
        }
        if (writer != null && !compatible(layout, nextLayout)) {
            closeWriter();
        } else if (writer != null && reconnected) {
            writer.discontinuity();
        }
        if (writer == null) {
            layout = nextLayout;
            if (layout.isEmpty()) {
                fail(new IOException("no track of " + next.url() + " can be recorded: " + String.join("; ", leftOutOf(next))));
            } else if (layout.stream().noneMatch(t -> t.kind() == MediaKind.VIDEO)) {
                openWriter(List.of());
            }
        }
    }

    @Override
    public synchronized void onVideo(VideoFrame frame) {
        if (finished || info == null) {
            return;
        }
        if (writer == null) {
            openWriter(frame.codecConfig());
            if (writer == null) {
                return;
            }
        }
        if (write(frame.trackIndex(), MediaSample.video(frame.rtpTimestamp(), frame.data(), frame.keyframe()),
                frame.presentationTime())) {
            videoFrames++;
        }
    }

    @Override
    public synchronized void onAudio(AudioFrame frame) {
        if (finished || writer == null) {
            if (!finished) {
                skipped++; // the file is not open yet: it opens at the first video frame
            }
            return;
        }
        if (write(frame.trackIndex(), MediaSample.audio(frame.rtpTimestamp(), frame.data()), frame.presentationTime())) {
            audioFrames++;
        }
    }

    @Override
    public synchronized void onLoss(LossEvent loss) {
        packetsLost += loss.packetsLost();
    }

    /** Whether the duration limit was reached, writing failed, or the recorder was closed. */
    public synchronized boolean finished() {
        return finished;
    }

    /** Waits until {@link #finished()}; true when it is. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finishedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why recording stopped early: the file could not be written, or nothing in the stream can be recorded. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    public synchronized RecordingStatus status() {
        long bytes = bytesOfClosedParts + (writer == null ? 0 : writer.bytesWritten());
        return new RecordingStatus(Duration.ofNanos(mediaNanos), videoFrames, audioFrames, bytes, skipped,
                packetsLost, reconnects, files, leftOut);
    }

    /** Finishes the current file (its index and sizes); later frames are ignored. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        finish();
        if (writer != null) {
            ContainerWriter w = writer;
            writer = null;
            bytesOfClosedParts += w.bytesWritten();
            w.close();
        }
    }

    /** Writes one sample; true when the writer kept it (not before the first keyframe, not past the limit). */
    private boolean write(int trackIndex, MediaSample sample, Duration presentationTime) {
        Integer id = writerTrackIds.get(trackIndex);
        if (id == null) {
            skipped++;
            return false;
        }
        long pts = presentationTime.toNanos();
        boolean leading = trackIndex == leadingTrack;
        if (leading && baseNanos >= 0 && offsetNanos + pts - baseNanos + ROUNDING_NANOS >= limitNanos) {
            skipped++;
            finish();
            return false;
        }
        long droppedBefore = writer.samplesDropped();
        try {
            writer.writeSample(id, sample);
        } catch (IOException e) {
            fail(e);
            return false;
        }
        if (writer.samplesDropped() != droppedBefore) {
            skipped++;
            return false;
        }
        if (leading) {
            if (baseNanos < 0) {
                baseNanos = pts;
            }
            if (lastLeadingPts >= 0 && pts > lastLeadingPts) {
                leadingIntervalNanos = pts - lastLeadingPts;
            }
            lastLeadingPts = pts;
            mediaNanos = Math.max(mediaNanos, offsetNanos + pts - baseNanos);
        }
        return true;
    }

    private void openWriter(List<byte[]> codecConfig) {
        part++;
        writerTrackIds.clear();
        leftOut.clear();
        leftOut.addAll(leftOutOf(info));
        ContainerWriter w;
        try {
            w = target.open(part);
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            return;
        }
        leadingTrack = -1;
        for (TrackInfo t : info.tracks()) {
            if (!t.setUp()) {
                continue;
            }
            Optional<Track> track = ContainerTracks.of(t, t.isVideo() ? codecConfig : List.of());
            if (track.isEmpty()) {
                continue;
            }
            if (!w.supports(track.get())) {
                leftOut.add(describe(t) + ": not in this container (use .mkv)");
                continue;
            }
            writerTrackIds.put(t.index(), w.addTrack(track.get()));
            if (leadingTrack < 0 || (t.isVideo() && !info.tracks().get(leadingTrack).isVideo())) {
                leadingTrack = t.index();
            }
        }
        writer = w;
        files.add(target.name(part));
        if (writerTrackIds.isEmpty()) {
            fail(new IOException("no track of " + info.url() + " fits " + target.name(part) + ": " + String.join("; ", leftOut)));
        }
    }

    private void closeWriter() {
        ContainerWriter w = writer;
        writer = null;
        bytesOfClosedParts += w.bytesWritten();
        try {
            w.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        finish();
    }

    private void finish() {
        finished = true;
        finishedLatch.countDown();
    }

    /** The container tracks a stream would be recorded as (without parameter sets), in SDP order. */
    private static List<Track> layoutOf(StreamInfo info) {
        List<Track> tracks = new ArrayList<>();
        for (TrackInfo t : info.tracks()) {
            if (t.setUp()) {
                ContainerTracks.of(t, List.of()).ifPresent(tracks::add);
            }
        }
        return tracks;
    }

    /** Same codecs in the same order; a picture size only learnt now (0 before) is no change. */
    private static boolean compatible(List<Track> current, List<Track> next) {
        if (current.size() != next.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            Track a = current.get(i);
            Track b = next.get(i);
            boolean sizeKnown = a.width() != 0 && a.height() != 0;
            if (a.codec() != b.codec() || a.clockRate() != b.clockRate() || a.sampleRate() != b.sampleRate()
                    || a.channels() != b.channels() || a.bitsPerSample() != b.bitsPerSample()
                    || a.g726Packing() != b.g726Packing()
                    || (sizeKnown && (a.width() != b.width() || a.height() != b.height()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> leftOutOf(StreamInfo info) {
        List<String> out = new ArrayList<>();
        for (TrackInfo t : info.tracks()) {
            if (!t.setUp()) {
                out.add(describe(t) + ": not received (no payload format reads it)");
            } else if (ContainerTracks.of(t, List.of()).isEmpty()) {
                out.add(describe(t) + ": no container track keeps it as it is");
            }
        }
        return out;
    }

    private static String describe(TrackInfo t) {
        return (t.isVideo() ? "video " : "audio ") + t.codec();
    }
}
