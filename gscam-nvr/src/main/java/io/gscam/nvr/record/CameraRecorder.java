package io.gscam.nvr.record;

import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraState;
import io.gscam.client.LossEvent;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaSample;
import io.gscam.media.container.FragmentArrays;
import io.gscam.media.container.Track;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.RecordMode;
import io.gscam.nvr.events.ClipUrl;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordedEvent;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.storage.DiskSpace;
import io.gscam.nvr.storage.SegmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Records one camera. A {@link CameraListener}: the client calls it on its Netty I/O thread, where
 * it only counts, feeds the {@link LiveFeed} and hands the frame over through a bounded queue (by
 * count and by bytes). A thread of the shared {@link RecorderThreads} takes from the queue every
 * 100 ms and does every file and index call: segments, gaps, events. When the queue is full, frames
 * are dropped until the next keyframe and the hole becomes a {@code dropped} gap: a slow disk never
 * slows the I/O thread.
 *
 * <p>Wall-clock times come from the first frame of each connection ({@code receivedAt}) plus the
 * media time since it, so a segment's start and end match its media duration.
 */
public final class CameraRecorder implements CameraListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraRecorder.class);
    private static final int QUEUE_ITEMS = 4096;
    /** Slots kept for state changes and alarms, so they are never dropped with media. */
    private static final int CONTROL_RESERVE = 64;
    private static final long QUEUE_BYTES = 64L << 20;
    private static final long PRE_ROLL_BYTES = 64L << 20;
    private static final Duration FREE_CHECK = Duration.ofSeconds(1);
    /** A recorder with nothing queued for this long checks its event's end all the same. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Media time running this far ahead of the arrival clock between two frames is a jump of the
     * camera's clock (set by hours), not a burst; media time running backwards by more than
     * {@link #CLOCK_BACK_NANOS} is one too. Media time falling behind arrival is not: a camera (or
     * its encoder) that stalled a while resumes with its timestamps where it stopped.
     */
    private static final long CLOCK_JUMP_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long CLOCK_BACK_NANOS = Duration.ofSeconds(1).toNanos();

    private sealed interface Item {
    }

    private record Media(CameraEvent frame, int bytes) implements Item {
    }

    private record Control(CameraEvent event, Instant at) implements Item {
    }

    private record Dropped(Instant from, Instant to) implements Item {
    }

    private record Stop() implements Item {
    }

    private final CameraSettings settings;
    private final RecorderContext ctx;
    private final BlockingQueue<Item> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final RecorderThreads threads;
    /** Set while a writer thread has this recorder (or is about to): never two at once. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean started;
    private volatile boolean done;
    /** When the writer last had something to do ({@link System#nanoTime}). */
    private volatile long lastActiveNanos = System.nanoTime();

    // ---- I/O thread side (and readers of the status) ----
    private volatile CameraState state = CameraState.CONNECTING;
    private volatile String reason = "";
    private volatile StreamInfo streamInfo;
    private Instant droppingSince;
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong videoFrames = new AtomicLong();
    private final AtomicLong mediaBytes = new AtomicLong();

    // ---- recorder thread side ----
    private StreamInfo info;
    private SegmentWriter seg;
    /** The open segment's path as the index keeps it, worked out once rather than per frame. */
    private String segPath;
    private List<Track> tracks = List.of();
    private final Map<Integer, Integer> trackSlots = new HashMap<>();
    private Instant segStart;
    private Instant segEnd;
    private Instant wallAnchor;
    private long ptsAnchorNanos;
    private long lastPtsNanos = -1;
    private Instant lastReceivedAt;
    private long lastAudioPtsNanos = -1;
    private Instant lastAudioReceivedAt;
    private long frameIntervalNanos;
    private Instant lastWall;
    private Instant offlineSince;
    private Instant pausedSince;
    private Instant lastFreeCheck;
    private RecordedEvent event;
    private final PreRoll preRoll;
    private volatile long openSegmentBytes;
    /** The mean fragment size of the last segment closed, which decides whether the next is written direct. */
    private long previousFragmentBytes;
    /** The arrays each segment's writer builds its fragments in, from segment to segment (FragmentArrays). */
    private final FragmentArrays arrays = new FragmentArrays();
    private volatile boolean segmentOpen;
    /** The segment being written, as far as it is written, for /list and /get; null when none. */
    private volatile Segment openSegment;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong segmentsWritten = new AtomicLong();

    /** A recorder written by {@code threads} (shared by every camera). */
    public CameraRecorder(CameraSettings settings, RecorderContext ctx, RecorderThreads threads) {
        this(settings, ctx, threads, QUEUE_ITEMS);
    }

    /** With a queue of {@code queueItems} (tests make it small to see frames dropped). */
    CameraRecorder(CameraSettings settings, RecorderContext ctx, RecorderThreads threads, int queueItems) {
        this.queue = new ArrayBlockingQueue<>(queueItems);
        this.settings = settings;
        this.ctx = ctx;
        this.threads = threads;
        this.preRoll = new PreRoll(settings.preRoll(), PRE_ROLL_BYTES);
        ctx.live().add(settings.name());
    }

    public void start() {
        started = true;
        threads.add(this);
    }

    public CameraSettings settings() {
        return settings;
    }

    // ---- CameraListener: the client's I/O thread. Never blocks. ----

    @Override
    public void onStateChange(StateChange change) {
        state = change.state();
        reason = change.reason();
        ctx.live().publish(settings.name(), change);
        ctx.bus().publish(new NvrEvent.CameraStatus(settings.name(), change.state(), change.reason(), ctx.clock().instant()));
        control(change);
    }

    @Override
    public void onStreamInfo(StreamInfo info) {
        streamInfo = info;
        ctx.live().publish(settings.name(), info);
        control(info);
    }

    @Override
    public void onVideo(VideoFrame frame) {
        videoFrames.incrementAndGet();
        mediaBytes.addAndGet(frame.data().length);
        ctx.live().publish(settings.name(), frame);
        media(frame, frame.data().length, frame.keyframe(), frame.receivedAt());
    }

    @Override
    public void onAudio(AudioFrame frame) {
        mediaBytes.addAndGet(frame.data().length);
        ctx.live().publish(settings.name(), frame);
        media(frame, frame.data().length, false, frame.receivedAt());
    }

    @Override
    public void onAlarm(AlarmEvent alarm) {
        ctx.live().publish(settings.name(), alarm);
        Instant at = ctx.clock().instant();
        ctx.bus().publish(new NvrEvent.Alarm(settings.name(), alarm.channel(), alarm.source(), at));
        if (!queue.offer(new Control(alarm, at))) {
            log.warn("{}: recorder queue full, alarm not recorded", settings.name());
        }
    }

    @Override
    public void onLoss(LossEvent loss) {
        ctx.live().publish(settings.name(), loss);
    }

    private void control(CameraEvent e) {
        if (!queue.offer(new Control(e, ctx.clock().instant()))) {
            log.warn("{}: recorder queue full, {} not recorded", settings.name(), e.getClass().getSimpleName());
        }
    }

    private void media(CameraEvent frame, int bytes, boolean keyframe, Instant at) {
        if (settings.record() == RecordMode.OFF) {
            return;
        }
        if (droppingSince != null) {
            if (!(keyframe && room(bytes))) {
                framesDropped.incrementAndGet();
                return;
            }
            queue.offer(new Dropped(droppingSince, at));
            droppingSince = null;
        }
        if (!room(bytes)) {
            droppingSince = at;
            framesDropped.incrementAndGet();
            return;
        }
        queuedBytes.addAndGet(bytes);
        queue.offer(new Media(frame, bytes));
    }

    private boolean room(int bytes) {
        return queue.remainingCapacity() > CONTROL_RESERVE && queuedBytes.get() + bytes <= QUEUE_BYTES;
    }

    // ---- status, any thread ----

    public CameraState state() {
        return state;
    }

    /** Why the camera's session last changed state ("connection refused", "401 Unauthorized"); never holds credentials. */
    public String reason() {
        return reason;
    }

    public StreamInfo streamInfo() {
        return streamInfo;
    }

    public boolean recording() {
        return segmentOpen;
    }

    /**
     * The segment being written so far (id -1, not indexed yet): its whole fragments can be read
     * while it grows, so recordings show up in /list and /get before the segment ends.
     */
    public java.util.Optional<Segment> openSegment() {
        return java.util.Optional.ofNullable(openSegment);
    }

    /** Bytes of the segment being written (retention counts them). */
    public long openSegmentBytes() {
        return openSegmentBytes;
    }

    /** Bytes of finished segments plus the one being written. */
    public long bytesWritten() {
        return bytesWritten.get() + openSegmentBytes;
    }

    public long framesDropped() {
        return framesDropped.get();
    }

    public long videoFrames() {
        return videoFrames.get();
    }

    public long mediaBytes() {
        return mediaBytes.get();
    }

    public long segmentsWritten() {
        return segmentsWritten.get();
    }

    /** Finishes the segment being written (durable and indexed) and stops the thread. */
    @Override
    public void close() {
        while (!queue.offer(new Stop())) {
            Item dropped = queue.poll(); // make room: a closing recorder may lose the newest frames, never the Stop
            if (dropped instanceof Media m) {
                queuedBytes.addAndGet(-m.bytes());
            }
        }
        if (!started) {
            return;
        }
        threads.now(this);
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                log.warn("{}: recorder did not stop within 30 s", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer side: one thread of RecorderThreads at a time ----

    /** Whether a writer thread should look at this recorder: something queued, or a second without anything. */
    boolean hasWork(long nowNanos) {
        return !done && (!queue.isEmpty() || nowNanos - lastActiveNanos >= IDLE_NANOS);
    }

    /** Takes the recorder for one {@link #drain}; false when a thread has it already. */
    boolean claim() {
        return !done && claimed.compareAndSet(false, true);
    }

    void release() {
        claimed.set(false);
    }

    /**
     * Writes what is queued (at most what was there on entry, so a camera that sends faster than
     * its disk takes does not keep the thread from the others); with nothing for a second, the
     * idle check. On a writer thread, after {@link #claim}.
     */
    void drain() {
        try {
            int n = queue.size();
            if (n == 0) {
                lastActiveNanos = System.nanoTime();
                handle(null);
                return;
            }
            for (int i = 0; i < n; i++) {
                Item item = queue.poll();
                if (item == null) {
                    break;
                }
                if (!handle(item)) {
                    done = true;
                    threads.remove(this);
                    stopped.countDown();
                    return;
                }
            }
            lastActiveNanos = System.nanoTime();
        } finally {
            release();
        }
    }

    /** One item (null: a second without any); false once stopped. */
    private boolean handle(Item item) {
        try {
            if (item == null) {
                idle();
            } else if (item instanceof Media m) {
                queuedBytes.addAndGet(-m.bytes());
                if (m.frame() instanceof VideoFrame v) {
                    video(v);
                } else if (m.frame() instanceof AudioFrame a) {
                    audio(a);
                }
            } else if (item instanceof Control c) {
                control(c);
            } else if (item instanceof Dropped d) {
                closeSegment();
                gap(d.from(), d.to(), Gap.DROPPED);
            } else if (item instanceof Stop) {
                stop();
                return false;
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}: recorder: {}", settings.name(), e.toString(), e);
        }
        return true;
    }

    private void idle() throws IOException {
        Instant now = ctx.clock().instant();
        endEventIfOver(now);
    }

    private void control(Control c) throws IOException {
        if (c.event() instanceof StreamInfo i) {
            if (seg != null && !sameLayout(info, i)) {
                closeSegment();
            }
            info = i;
        } else if (c.event() instanceof StateChange s) {
            if (s.state() == CameraState.RECONNECTING || s.state().isFinal()) {
                if (lastWall != null && offlineSince == null && s.state() != CameraState.CLOSED) {
                    offlineSince = lastWall;
                }
                closeSegment();
                wallAnchor = null;
                lastPtsNanos = -1;
                lastAudioPtsNanos = -1;
                preRoll.clear();
            } else if (s.state() == CameraState.CONNECTING) {
                wallAnchor = null;
                lastPtsNanos = -1;
                lastAudioPtsNanos = -1;
            }
        } else if (c.event() instanceof AlarmEvent a) {
            alarm(a, c.at());
        }
    }

    private void alarm(AlarmEvent a, Instant received) throws IOException {
        Instant at = received.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the index keeps it
        Instant end = at.plus(settings.postRoll());
        if (event != null && !at.isAfter(event.end())) {
            event = new RecordedEvent(event.id(), event.camera(), event.channel(), event.source(), event.start(), end);
            ctx.index().updateEventEnd(event.id(), end);
        } else {
            endEventIfOver(at);
            if (event != null) {
                endEvent();
            }
            event = ctx.index().addEvent(settings.name(), a.channel(), a.source(), at, end);
            ctx.bus().publish(new NvrEvent.EventStarted(settings.name(), event, clip(event)));
            if (settings.record() == RecordMode.EVENTS && seg == null && pausedSince == null) {
                writePreRoll();
            }
        }
    }

    private String clip(RecordedEvent e) {
        return ClipUrl.of(settings.name(), e.start().minus(settings.preRoll()), e.end());
    }

    private void endEventIfOver(Instant now) {
        if (event != null && now.isAfter(event.end())) {
            endEvent();
        }
    }

    private void endEvent() {
        ctx.bus().publish(new NvrEvent.EventEnded(settings.name(), event, clip(event)));
        event = null;
    }

    private void video(VideoFrame f) throws IOException {
        long pts = f.presentationTime().toNanos();
        if (lastPtsNanos >= 0 && lastReceivedAt != null) {
            long step = pts - lastPtsNanos;
            if (clockJumped(step, lastReceivedAt, f.receivedAt())) {
                // Written on, the jump would be one sample hours long (or time running backwards) in
                // the file, and wall times hours off: the segment ends here, time re-anchors on
                // arrival, and the next segment starts at the next keyframe.
                log.warn("{}: the camera's media clock jumped by {} s; segment ended, time re-anchored",
                        settings.name(), step / 1_000_000_000L);
                closeSegment();
                wallAnchor = null;
                lastPtsNanos = -1;
                frameIntervalNanos = 0;
            }
        }
        lastReceivedAt = f.receivedAt();
        if (wallAnchor == null) {
            wallAnchor = f.receivedAt();
            ptsAnchorNanos = pts;
        }
        Instant wall = wallAnchor.plusNanos(pts - ptsAnchorNanos);
        if (wall.isAfter(f.receivedAt())) {
            // A burst at PLAY (a server's cached GOP) runs media time ahead of the clock; a frame is
            // never captured after it arrived, so the anchor moves.
            wallAnchor = f.receivedAt();
            ptsAnchorNanos = pts;
            wall = wallAnchor;
        }
        if (lastPtsNanos >= 0 && pts > lastPtsNanos) {
            frameIntervalNanos = pts - lastPtsNanos;
        }
        lastPtsNanos = pts;
        if (offlineSince != null) {
            gap(offlineSince, wall, Gap.CAMERA_OFFLINE);
            offlineSince = null;
        }
        lastWall = wall;
        endEventIfOver(wall);
        if (settings.record() == RecordMode.OFF || paused(wall) || diskLow(wall)) {
            return;
        }
        if (settings.record() == RecordMode.EVENTS) {
            preRoll.add(f, wall, f.keyframe());
            if (event == null) {
                closeSegment();
                return;
            }
            if (seg == null) {
                writePreRoll(); // the alarm came before any keyframe: start at this one
                return;
            }
        }
        if (seg != null && f.keyframe() && !wall.isBefore(segStart.plus(ctx.segmentDuration()))) {
            closeSegment();
        }
        if (seg == null) {
            if (!f.keyframe() || !openSegment(f, wall)) {
                return;
            }
        }
        writeVideo(f, wall);
    }

    /** Whether media time moved by {@code step} between two frames received at these times is a jump of the camera's clock. */
    private static boolean clockJumped(long step, Instant before, Instant now) {
        return step < -CLOCK_BACK_NANOS || step - Duration.between(before, now).toNanos() > CLOCK_JUMP_NANOS;
    }

    private void audio(AudioFrame f) throws IOException {
        long pts = f.presentationTime().toNanos();
        if (lastAudioPtsNanos >= 0 && clockJumped(pts - lastAudioPtsNanos, lastAudioReceivedAt, f.receivedAt())) {
            closeSegment(); // audio may see the jump first: not one sample hours away in this segment
        }
        lastAudioPtsNanos = pts;
        lastAudioReceivedAt = f.receivedAt();
        if (settings.record() == RecordMode.EVENTS && lastWall != null) {
            preRoll.add(f, lastWall, false);
        }
        writeAudio(f);
    }

    /** Writes an audio frame into the open segment, if any (a live frame, or one replayed from the pre-roll). */
    private void writeAudio(AudioFrame f) throws IOException {
        if (seg == null) {
            return;
        }
        Integer slot = trackSlots.get(f.trackIndex());
        if (slot == null) {
            return;
        }
        try {
            seg.write(slot, MediaSample.audio(f.rtpTimestamp(), f.data()));
            openSegmentBytes = seg.bytes();
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    private void writeVideo(VideoFrame f, Instant wall) throws IOException {
        Integer slot = trackSlots.get(f.trackIndex());
        if (slot == null) {
            return;
        }
        try {
            seg.write(slot, MediaSample.video(f.rtpTimestamp(), f.data(), f.keyframe()));
            openSegmentBytes = seg.bytes();
            segEnd = wall.plusNanos(frameIntervalNanos);
            openSegment = new Segment(-1, settings.name(), segPath, segStart, segEnd, seg.bytes(), "");
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    /** Opens a segment with the pre-roll: from the GOP that starts at or before alarm - preRoll. */
    private void writePreRoll() throws IOException {
        List<PreRoll.Entry> frames = preRoll.drain();
        boolean opened = false;
        for (PreRoll.Entry e : frames) {
            if (!opened) {
                if (!(e.frame() instanceof VideoFrame v) || !e.keyframe()) {
                    continue;
                }
                if (!openSegment(v, e.wall())) {
                    return;
                }
                opened = true;
            }
            if (e.frame() instanceof VideoFrame v) {
                writeVideo(v, e.wall());
            } else if (e.frame() instanceof AudioFrame a) {
                // Not audio(a): the replayed frames are older than the last live one (the clock-jump
                // check would read them as time running backwards) and belong in no pre-roll again.
                writeAudio(a);
            }
            if (seg == null) {
                return;
            }
        }
    }

    /** Whether recording is paused for want of disk space; resumes (with a disk-full gap) once there is room. */
    private boolean paused(Instant wall) throws IOException {
        if (pausedSince == null) {
            return false;
        }
        if (lastFreeCheck != null && wall.isBefore(lastFreeCheck.plus(FREE_CHECK))) {
            return true;
        }
        lastFreeCheck = wall;
        ctx.retention().enforce();
        if (ctx.disk().freeBytes() < ctx.minFreeBytes()) {
            return true;
        }
        gap(pausedSince, wall, Gap.DISK_FULL);
        pausedSince = null;
        log.info("{}: disk has room again, recording resumes", settings.name());
        return false;
    }

    /**
     * Checks the free space once a second while writing: below {@code minFreeBytes} after retention
     * had its go, the segment is finished cleanly and recording pauses, before the disk is full.
     */
    private boolean diskLow(Instant wall) throws IOException {
        if (seg == null || (lastFreeCheck != null && wall.isBefore(lastFreeCheck.plus(FREE_CHECK)))) {
            return false;
        }
        lastFreeCheck = wall;
        if (ctx.disk().freeBytes() >= ctx.minFreeBytes()) {
            return false;
        }
        ctx.retention().enforce();
        if (ctx.disk().freeBytes() >= ctx.minFreeBytes()) {
            return false;
        }
        closeSegment();
        pause(wall);
        return true;
    }

    private void pause(Instant wall) {
        if (pausedSince == null) {
            pausedSince = wall;
            lastFreeCheck = wall;
            log.warn("{}: disk full (free below {} bytes), recording paused", settings.name(), ctx.minFreeBytes());
        }
    }

    private boolean openSegment(VideoFrame first, Instant wall) throws IOException {
        if (info == null) {
            return false;
        }
        List<Track> layout = new ArrayList<>();
        trackSlots.clear();
        for (TrackInfo t : info.tracks()) {
            if (!t.setUp()) {
                continue;
            }
            var track = RecordedTracks.of(t, t.isVideo() ? first.codecConfig() : List.of());
            if (track.isPresent()) {
                trackSlots.put(t.index(), layout.size());
                layout.add(track.get());
            }
        }
        if (!trackSlots.containsKey(first.trackIndex())) {
            return false;
        }
        if (ctx.disk().freeBytes() < ctx.minFreeBytes()) {
            ctx.retention().enforce();
            if (ctx.disk().freeBytes() < ctx.minFreeBytes()) {
                pause(wall);
                return false;
            }
        }
        wall = wall.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the file name and the index keep it
        Path file = ctx.files().file(settings.name(), wall, SegmentWriter.extensionFor(layout));
        while (Files.exists(file)) {
            wall = wall.plusMillis(1);
            file = ctx.files().file(settings.name(), wall, SegmentWriter.extensionFor(layout));
        }
        try {
            seg = SegmentWriter.create(file, layout, ctx.direct().buffersFor(previousFragmentBytes), arrays);
        } catch (IOException e) {
            if (DiskSpace.isDiskFull(e)) {
                pause(wall);
                Files.deleteIfExists(file);
                return false;
            }
            throw e;
        }
        tracks = layout;
        segPath = ctx.files().relative(seg.file());
        segmentOpen = true;
        segStart = wall;
        segEnd = wall;
        openSegmentBytes = seg.bytes();
        return true;
    }

    /** Finishes the open segment: file fsync, directory fsync, then the index row (Moonfire's order). */
    private void closeSegment() throws IOException {
        if (seg == null) {
            return;
        }
        SegmentWriter s = seg;
        seg = null;
        segmentOpen = false;
        openSegment = null;
        try {
            s.close();
        } catch (IOException e) {
            openSegmentBytes = 0;
            salvage(s, e);
            return;
        }
        openSegmentBytes = 0;
        if (s.meanFragmentBytes() > 0) {
            previousFragmentBytes = s.meanFragmentBytes();
        }
        if (s.samplesWritten() == 0) {
            Files.deleteIfExists(s.file());
            return;
        }
        long bytes = Files.size(s.file());
        Segment row = ctx.index().addSegment(settings.name(), ctx.files().relative(s.file()), segStart, segEnd, bytes,
                tracks.stream().map(RecordedTracks::describe).collect(Collectors.joining(", ")));
        bytesWritten.addAndGet(bytes);
        segmentsWritten.incrementAndGet();
        ctx.bus().publish(new NvrEvent.SegmentWritten(settings.name(), row));
        ctx.retention().enforce();
    }

    private void writeFailed(IOException e) throws IOException {
        SegmentWriter s = seg;
        seg = null;
        segmentOpen = false;
        openSegment = null;
        openSegmentBytes = 0;
        s.abandon();
        salvage(s, e);
    }

    /** A write failed: keep the whole fragments (trimmed, synced, indexed), and pause when the disk is full. */
    private void salvage(SegmentWriter s, IOException e) throws IOException {
        boolean full = DiskSpace.isDiskFull(e) || ctx.disk().freeBytes() < ctx.minFreeBytes();
        log.warn("{}: writing {} failed: {}{}", settings.name(), s.file().getFileName(), e.getMessage(),
                full ? " (disk full: recording paused)" : "");
        if (full) {
            pause(lastWall == null ? ctx.clock().instant() : lastWall);
        }
        try {
            Segment row = ctx.recovery().recover(settings.name(), s.file());
            if (row != null) {
                bytesWritten.addAndGet(row.bytes());
                ctx.bus().publish(new NvrEvent.SegmentWritten(settings.name(), row));
            }
        } catch (IOException again) {
            log.warn("{}: {} left for start-up recovery: {}", settings.name(), s.file().getFileName(), again.getMessage());
        }
    }

    private void gap(Instant from, Instant to, String cause) throws IOException {
        if (!to.isAfter(from)) {
            return;
        }
        Gap g = new Gap(settings.name(), from, to, cause);
        ctx.index().addGap(g);
        ctx.bus().publish(new NvrEvent.GapRecorded(settings.name(), g));
    }

    private void stop() throws IOException {
        closeSegment();
        Instant now = ctx.clock().instant();
        if (offlineSince != null) {
            gap(offlineSince, now, Gap.CAMERA_OFFLINE);
            offlineSince = null;
        }
        if (pausedSince != null) {
            gap(pausedSince, now, Gap.DISK_FULL);
            pausedSince = null;
        }
    }

    private static boolean sameLayout(StreamInfo a, StreamInfo b) {
        if (a == null || a.tracks().size() != b.tracks().size()) {
            return false;
        }
        for (int i = 0; i < a.tracks().size(); i++) {
            TrackInfo x = a.tracks().get(i);
            TrackInfo y = b.tracks().get(i);
            boolean sizeKnown = x.width() != 0 && x.height() != 0;
            if (!x.codec().equalsIgnoreCase(y.codec()) || x.setUp() != y.setUp() || x.clockRate() != y.clockRate()
                    || (sizeKnown && (x.width() != y.width() || x.height() != y.height()))) {
                return false;
            }
        }
        return true;
    }
}
