package io.gscam.camera.source;

import io.gscam.media.MediaSample;
import io.gscam.media.h264.AccessUnitSplitter;
import io.gscam.protocol.ParseException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live H.264 with a running wall clock ({@code --encoder ffmpeg}): the {@link TestPatternRenderer}
 * draws each frame at its wall-clock time, an ffmpeg process encodes the BGR24 frames with libx264
 * (ultrafast, zerolatency, baseline, no B-frames, GOP one second, SPS and PPS before every IDR, an
 * access unit delimiter before every frame) and this source splits its Annex-B output into access
 * units.
 *
 * <p>Frame i is rendered when it is due, at {@code start + i / rate} on the injected nanosecond
 * clock (scheduled against the start, so no drift); a render tick that comes late skips to the
 * current frame index. Each access unit carries the presentation time of the frame it encodes, so
 * frames dropped on the way in do not shift later times. Three tasks run on the injected blocking
 * executor (stdin writer, stdout reader, stderr drain); renders run on the scheduler.
 * {@link #next()} never blocks: it returns null until the next access unit is out of the encoder.
 * An access unit is known complete only when the next one starts (Annex-B has no end marker), so
 * the source adds one frame of latency to the encoder's.
 * When the consumer falls behind, a bounded queue drops access units up to the next keyframe.
 * {@link #close()} destroys the process. A failed process is reported by {@link #failure()}.
 */
public final class FfmpegLiveH264Source implements MediaSource {
    private static final int STDERR_LINES = 20;

    private final Process process;
    private final TestPatternRenderer renderer;
    private final FrameRate frameRate;
    private final InstantSource wallClock;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService scheduler;
    private final long startNanos;
    private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(3);
    private final Deque<Long> frameIndexOfQueued = new ArrayDeque<>(4);
    private final ConcurrentLinkedQueue<Long> writtenFrames = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<TimedSample> out;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<AccessUnitSplitter.AccessUnit> firstKeyframe = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong droppedUnits = new AtomicLong();
    private final List<Future<?>> tasks = new ArrayList<>();
    private volatile List<TrackInfo> tracks = List.of();
    private volatile IOException failure;
    private volatile boolean closed;
    private long nextFrame;
    private boolean awaitingKeyframe;
    private final int bitrateKbps;

    private FfmpegLiveH264Source(Process process, TestPatternRenderer renderer, FrameRate frameRate, int bitrateKbps,
                                 InstantSource wallClock, LongSupplier nanoClock, ScheduledExecutorService scheduler) {
        this.process = process;
        this.renderer = renderer;
        this.frameRate = frameRate;
        this.bitrateKbps = bitrateKbps;
        this.wallClock = wallClock;
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
        this.startNanos = nanoClock.getAsLong();
        this.out = new ArrayBlockingQueue<>(Math.max(8, 2 * frameRate.rounded()));
    }

    /** The ffmpeg executable on PATH, if any. */
    public static Optional<Path> findFfmpeg() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "ffmpeg");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The ffmpeg command line for a stream of this size, rate and bit rate. */
    public static List<String> command(Path ffmpeg, int width, int height, FrameRate frameRate, int bitrateKbps) {
        int gop = Math.max(1, frameRate.rounded());
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", width + "x" + height, "-framerate", frameRate.toString(),
                "-i", "pipe:0", "-an",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-profile:v", "baseline",
                "-pix_fmt", "yuv420p", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop),
                "-sc_threshold", "0", "-bf", "0",
                "-b:v", bitrateKbps + "k", "-maxrate", bitrateKbps + "k", "-bufsize", Math.max(1, bitrateKbps / 2) + "k",
                "-x264-params", "repeat-headers=1:aud=1",
                "-vsync", "0", "-flush_packets", "1", "-f", "h264", "pipe:1");
    }

    /**
     * Starts ffmpeg and waits (blocking, up to {@code startTimeout}) for its first keyframe, whose
     * SPS and PPS give the track's fmtp.
     *
     * @throws IOException when ffmpeg is not on PATH, cannot start, fails, or sends no keyframe in time
     */
    public static FfmpegLiveH264Source start(TestPatternRenderer renderer, FrameRate frameRate, int bitrateKbps,
                                             InstantSource wallClock, LongSupplier nanoClock,
                                             ScheduledExecutorService scheduler, ExecutorService blockingExecutor,
                                             Duration startTimeout) throws IOException {
        Path ffmpeg = findFfmpeg().orElseThrow(() -> new IOException(
                "--encoder ffmpeg needs an ffmpeg executable on PATH (apt-get install ffmpeg), or use the built-in loops"));
        return start(ffmpeg, renderer, frameRate, bitrateKbps, wallClock, nanoClock, scheduler, blockingExecutor, startTimeout);
    }

    /** As {@link #start(TestPatternRenderer, FrameRate, int, InstantSource, LongSupplier, ScheduledExecutorService, ExecutorService, Duration)} with a given ffmpeg. */
    public static FfmpegLiveH264Source start(Path ffmpeg, TestPatternRenderer renderer, FrameRate frameRate, int bitrateKbps,
                                             InstantSource wallClock, LongSupplier nanoClock,
                                             ScheduledExecutorService scheduler, ExecutorService blockingExecutor,
                                             Duration startTimeout) throws IOException {
        Process process = new ProcessBuilder(command(ffmpeg, renderer.width(), renderer.height(), frameRate, bitrateKbps))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        FfmpegLiveH264Source source = new FfmpegLiveH264Source(process, renderer, frameRate, bitrateKbps,
                wallClock, nanoClock, scheduler);
        source.run(blockingExecutor);
        try {
            AccessUnitSplitter.AccessUnit key = source.firstKeyframe.get(startTimeout.toNanos(), TimeUnit.NANOSECONDS);
            source.tracks = List.of(TrackInfo.video(H264Clips.format(key.sps(), key.pps()),
                    renderer.width(), renderer.height(), frameRate, bitrateKbps));
            return source;
        } catch (InterruptedException e) {
            source.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting ffmpeg", e);
        } catch (ExecutionException e) {
            source.close();
            throw new IOException("ffmpeg failed to start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            source.close();
            throw new IOException("ffmpeg sent no keyframe within " + startTimeout + source.stderrSummary());
        }
    }

    private void run(ExecutorService blocking) {
        synchronized (tasks) {
            tasks.add(blocking.submit(this::writeFrames));
            tasks.add(blocking.submit(this::readAccessUnits));
            tasks.add(blocking.submit(this::drainStderr));
            tasks.add(scheduler.schedule(this::renderTick, 0, TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public List<TrackInfo> tracks() {
        return tracks;
    }

    @Override
    public TimedSample next() {
        return closed ? null : out.poll();
    }

    /** Why the encoder stopped, if it did. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isAlive() {
        return !closed && failure == null && process.isAlive();
    }

    /** Frames not rendered in time or not taken by ffmpeg in time. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** Access units dropped because the consumer fell behind. */
    public long droppedAccessUnits() {
        return droppedUnits.get();
    }

    public int bitrateKbps() {
        return bitrateKbps;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (tasks) {
            for (Future<?> t : tasks) {
                t.cancel(true);
            }
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process is being destroyed anyway
        }
        process.destroy();
        // A process that ignores SIGTERM is killed two seconds later, without blocking the caller.
        process.onExit().orTimeout(2, TimeUnit.SECONDS).whenComplete((p, e) -> {
            if (e != null) {
                process.destroyForcibly();
            }
        });
        firstKeyframe.completeExceptionally(new IOException("closed"));
    }

    private void renderTick() {
        if (closed || failure != null) {
            return;
        }
        long now = nanoClock.getAsLong();
        long dueIndex = frameIndexAt(now - startNanos);
        if (dueIndex > nextFrame) {
            droppedFrames.addAndGet(dueIndex - nextFrame); // late tick: catch up to now, not burst
            nextFrame = dueIndex;
        }
        long index = nextFrame++;
        byte[] picture;
        try {
            picture = renderer.renderBgr24(index, wallClock.instant());
        } catch (RuntimeException e) {
            fail(new IOException("rendering frame " + index + " failed", e));
            return;
        }
        synchronized (frameIndexOfQueued) {
            if (frames.offer(picture)) {
                frameIndexOfQueued.addLast(index);
            } else {
                droppedFrames.incrementAndGet();
            }
        }
        long nextDue = startNanos + frameRate.frameTime(nextFrame).toNanos();
        synchronized (tasks) {
            if (!closed) {
                tasks.add(scheduler.schedule(this::renderTick, Math.max(0, nextDue - nanoClock.getAsLong()), TimeUnit.NANOSECONDS));
                tasks.removeIf(Future::isDone);
            }
        }
    }

    private long frameIndexAt(long elapsedNanos) {
        // frame i is due at i * den / num seconds
        return Math.floorDiv(Math.multiplyExact(elapsedNanos, (long) frameRate.numerator()),
                1_000_000_000L * frameRate.denominator());
    }

    private void writeFrames() {
        try (OutputStream stdin = process.getOutputStream()) {
            while (!closed) {
                byte[] picture = frames.take();
                Long index;
                synchronized (frameIndexOfQueued) {
                    index = frameIndexOfQueued.pollFirst();
                }
                writtenFrames.add(index);
                stdin.write(picture);
                stdin.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(new IOException("writing frames to ffmpeg failed" + stderrSummary(), e));
        }
    }

    private void readAccessUnits() {
        AccessUnitSplitter splitter = new AccessUnitSplitter();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream stdout = process.getInputStream()) {
            int n;
            while (!closed && (n = stdout.read(chunk)) >= 0) {
                for (AccessUnitSplitter.AccessUnit unit : splitter.push(chunk, 0, n)) {
                    deliver(unit);
                }
            }
            if (!closed) {
                for (AccessUnitSplitter.AccessUnit unit : splitter.finish()) {
                    deliver(unit);
                }
                int exit = process.waitFor();
                awaitStderr();
                fail(new IOException("ffmpeg exited with status " + exit + stderrSummary()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ParseException e) {
            if (!closed) {
                fail(new IOException("ffmpeg wrote an unusable H.264 stream: " + e.getMessage() + stderrSummary(), e));
            }
        } catch (IOException e) {
            if (!closed) {
                fail(new IOException("reading H.264 from ffmpeg failed" + stderrSummary(), e));
            }
        }
    }

    private void deliver(AccessUnitSplitter.AccessUnit unit) {
        Long index = writtenFrames.poll();
        if (index == null) {
            return; // cannot happen with one output unit per input frame; never invent a time
        }
        if (!firstKeyframe.isDone()) {
            if (!unit.keyframe() || unit.sps() == null || unit.pps() == null) {
                return;
            }
            firstKeyframe.complete(unit);
        }
        if (awaitingKeyframe) {
            if (!unit.keyframe()) {
                droppedUnits.incrementAndGet();
                return;
            }
            awaitingKeyframe = false;
        }
        MediaSample sample = MediaSample.video(frameRate.ticks(index, H264Clips.CLOCK_RATE) & 0xFFFFFFFFL,
                unit.data(), unit.keyframe());
        if (!out.offer(new TimedSample(0, frameRate.frameTime(index), sample))) {
            // The consumer is behind: what is queued stays decodable; resume at the next IDR.
            droppedUnits.incrementAndGet();
            awaitingKeyframe = true;
        }
    }

    private void drainStderr() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process went away; its exit is reported by the reader
        } finally {
            stderrDone.complete(null);
        }
    }

    private void awaitStderr() throws InterruptedException {
        try {
            stderrDone.get(1, TimeUnit.SECONDS); // so the failure carries ffmpeg's last words
        } catch (ExecutionException | TimeoutException e) {
            // report without them
        }
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; ffmpeg said: " + String.join(" | ", stderrTail);
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        firstKeyframe.completeExceptionally(e);
    }
}
