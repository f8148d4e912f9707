package io.gscam.cli.client;

import io.gscam.cli.CommandFailure;
import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraException;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.LossEvent;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.VideoFrame;
import io.gscam.client.record.Recorder;
import io.gscam.client.record.RecordingStatus;
import io.gscam.client.record.RecordingTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gscam record URL --out FILE}: writes what the camera sends, as it arrives and without
 * re-encoding, to Matroska (.mkv, every track) or fragmented MP4 (.mp4). Goes on through camera
 * losses (reconnecting with backoff, same file); Ctrl-C finishes the file cleanly. With an SDP file
 * (RTP over UDP, no RTSP) the recording ends, exit 0, when the sender stops for the media timeout.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a camera to .mkv or .mp4 without re-encoding.",
                "Runs until --duration of media is written or until interrupted (Ctrl-C closes the file cleanly)."})
public final class RecordCommand implements Callable<Integer> {
    private static final Duration TERMINAL_PROGRESS = Duration.ofMillis(500);
    private static final Duration PLAIN_PROGRESS = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    UrlOrSdpFile url;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output file: .mkv or .mp4.")
    Path out;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this much media (default: until interrupted).")
    Double durationSeconds;

    @Mixin
    ClientOptions client;

    @Mixin
    TimeoutOption timeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines, only the summary.")
    boolean quiet;

    /**
     * The session's options: the client flags, the timeout, and video that resumes after a loss only at
     * the next keyframe (as the NVR records): a file never holds a frame whose reference was lost.
     */
    CameraOptions cameraOptions(CameraUrl cameraUrl, Duration timeout) {
        return client.applyTo(CameraOptions.builder(cameraUrl))
                .connectTimeout(timeout)
                .responseTimeout(timeout)
                .keyframeAfterLoss(true)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        CameraUrl cameraUrl = url.parse();
        Duration timeout = this.timeout.timeout();
        Duration limit = durationSeconds == null ? null : Durations.seconds(durationSeconds, "--duration");
        RecordingTarget target;
        try {
            target = RecordingTarget.file(out);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), 2);
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        Recorder recorder = new Recorder(target, limit);
        CompletableFuture<StateChange> failed = new CompletableFuture<>();
        CameraOptions options = cameraOptions(cameraUrl, timeout);
        GsCamClient gsCamClient = GsCamClient.builder().ioThreads(1).build();
        CameraSession session = gsCamClient.open(options, CameraListener.both(recorder, new Listener(failed, err, terminal)));
        Stopper stopper = new Stopper(gsCamClient, session, recorder, err, terminal && !quiet);
        Thread hook = new Thread(stopper::stop, "gscam-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Duration every = terminal ? TERMINAL_PROGRESS : PLAIN_PROGRESS;
            while (!recorder.awaitFinished(every) && !failed.isDone()) {
                if (!quiet) {
                    stopper.progress(recorder.status());
                }
            }
        } finally {
            stopper.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it stopped the recording
            }
        }
        if (recorder.failure().isPresent()) {
            throw new CommandFailure("cannot record to " + out + ": " + recorder.failure().get().getMessage());
        }
        if (failed.isDone()) {
            StateChange change = failed.getNow(null);
            CameraException e = change.error().orElse(new CameraException(CameraException.Kind.CONNECTION_LOST, change.reason()));
            RecordingStatus written = recorder.status();
            boolean streamEnded = cameraUrl.sdpFile().isPresent() && e.kind() == CameraException.Kind.NO_MEDIA
                    && written.videoFrames() + written.audioFrames() > 0;
            if (!streamEnded) {
                throw CameraFailures.of(e, cameraUrl);
            }
            // An SDP file's sender that stops has simply finished: nobody can be asked to send more.
            err.println("gscam record: the stream ended (" + e.getMessage() + ")");
            err.flush();
        }
        return 0;
    }

    /** Says on stderr when the camera is lost and back (the recorder gets the events beside it). */
    private static final class Listener implements CameraListener {
        private final CompletableFuture<StateChange> failed;
        private final PrintWriter err;
        private final boolean terminal;
        private boolean lost;

        Listener(CompletableFuture<StateChange> failed, PrintWriter err, boolean terminal) {
            this.failed = failed;
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void onStateChange(StateChange change) {
            switch (change.state()) {
                case RECONNECTING -> {
                    lost = true;
                    say("camera lost: " + CameraFailures.redact(change.reason()) + "; reconnecting in "
                            + seconds(change.retryDelay()) + " (attempt " + change.attempt() + ")");
                }
                case PLAYING -> {
                    if (lost) {
                        lost = false;
                        say("camera back: recording goes on in the same file");
                    }
                }
                case FAILED -> failed.complete(change);
                default -> {
                }
            }
        }

        private void say(String line) {
            synchronized (err) {
                err.println((terminal ? "\r" : "") + "gscam record: " + line);
                err.flush();
            }
        }
    }

    /** Stops once, from the main thread or the shutdown hook: session first, then the file, then the summary. */
    private static final class Stopper {
        private final GsCamClient client;
        private final CameraSession session;
        private final Recorder recorder;
        private final PrintWriter err;
        private final boolean overwriting;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Stopper(GsCamClient client, CameraSession session, Recorder recorder, PrintWriter err, boolean overwriting) {
            this.client = client;
            this.session = session;
            this.recorder = recorder;
            this.err = err;
            this.overwriting = overwriting;
        }

        void progress(RecordingStatus s) {
            if (stopped.get()) {
                return;
            }
            String line = String.format(Locale.ROOT, "%s  %d frames  %s  loss %d%s", clock(s.mediaTime()), s.videoFrames(),
                    bytes(s.bytes()), s.packetsLost(), s.reconnects() > 0 ? "  reconnects " + s.reconnects() : "");
            synchronized (err) {
                err.print(overwriting ? "\r" + line + "   " : line + System.lineSeparator());
                err.flush();
            }
        }

        void stop() {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            session.close();
            String closeError = null;
            try {
                recorder.close();
            } catch (IOException e) {
                closeError = e.getMessage();
            }
            client.close();
            RecordingStatus s = recorder.status();
            synchronized (err) {
                if (overwriting) {
                    err.println();
                }
                for (String note : s.tracksLeftOut()) {
                    err.println("gscam record: not recorded: " + note);
                }
                err.println(String.format(Locale.ROOT,
                        "gscam record: %.2f s, %d video frames, %d audio frames, %s written to %s; %d packets lost, %d reconnects",
                        s.mediaTime().toNanos() / 1e9, s.videoFrames(), s.audioFrames(), bytes(s.bytes()),
                        s.files().isEmpty() ? "(nothing)" : String.join(", ", s.files()), s.packetsLost(), s.reconnects()));
                if (closeError != null) {
                    err.println("gscam record: closing the file failed: " + closeError);
                }
                err.flush();
            }
        }
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%d", s / 3600, s / 60 % 60, s % 60, d.toMillisPart() / 100);
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        return n < 10_000_000 ? String.format(Locale.ROOT, "%.1f kB", n / 1e3) : String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }
}
