package io.gscam.cli.bench;

import io.gscam.cli.CommandFailure;
import io.gscam.cli.client.CameraFailures;
import io.gscam.cli.client.Durations;
import io.gscam.cli.client.TransportConverter;
import io.gscam.client.CameraException;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraState;
import io.gscam.client.CameraStatistics;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.Transport;
import io.gscam.client.record.Recorder;
import io.gscam.client.record.RecordingTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code gscam bench ingest URL --streams N --seconds S}: what recording costs the client. Opens N
 * sessions of the same stream, each through the whole recording path (depacketizer, Matroska muxer)
 * into a sink that discards the bytes, waits until all play, then measures for S seconds: frames,
 * Mbit/s and packet loss received, and this process's CPU time and resident memory.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Record N sessions of one stream into a discarding sink and report frames, Mbit/s, loss, CPU and RSS.")
public final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "rtsp://[user:password@]host[:port]/channel")
    String url;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1", description = "Sessions to open (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Measurement time once all play (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--transport", paramLabel = "tcp|udp", defaultValue = "tcp", converter = TransportConverter.class,
            description = "RTP transport (default: ${DEFAULT-VALUE}).")
    Transport transport;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long all sessions may take to start playing (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        CameraUrl cameraUrl = CameraFailures.parseUrl(url);
        if (streams < 1) {
            throw new CommandFailure("--streams must be at least 1: " + streams, 2);
        }
        Duration window = Durations.seconds(seconds, "--seconds");
        Duration timeout = Durations.seconds(timeoutSeconds, "--timeout");
        PrintWriter out = spec.commandLine().getOut();
        CameraOptions options = CameraOptions.builder(cameraUrl)
                .transport(transport)
                .responseTimeout(timeout)
                .reconnect(ReconnectPolicy.NEVER)
                .build();
        List<CameraSession> sessions = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        try (GsCamClient client = GsCamClient.create()) {
            for (int i = 0; i < streams; i++) {
                Recorder recorder = new Recorder(RecordingTarget.discard(), null);
                recorders.add(recorder);
                sessions.add(client.open(options, recorder));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (CameraSession s : sessions) {
                try {
                    s.awaitPlaying(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (CameraException e) {
                    throw CameraFailures.of(e, cameraUrl);
                }
            }
            out.printf(Locale.ROOT, "playing        %d streams, measuring for %s s%n", sessions.size(), seconds);
            out.flush(); // scripts/bench-ingest.sh starts its warm-up here
            Sample before = Sample.take(sessions);
            Thread.sleep(window.toMillis()); // the measurement window itself, not a synchronisation
            Sample after = Sample.take(sessions);
            report(out, after.minus(before), sessions.size(), playing(sessions));
            for (CameraSession s : sessions) {
                s.close();
            }
            for (Recorder r : recorders) {
                try {
                    r.close();
                } catch (IOException e) {
                    throw new CommandFailure("recorder: " + e.getMessage());
                }
            }
        }
        return 0;
    }

    private static long playing(List<CameraSession> sessions) {
        return sessions.stream().filter(s -> s.state() == CameraState.PLAYING).count();
    }

    private void report(PrintWriter out, Sample d, int n, long playing) {
        double secs = d.wallNanos / 1e9;
        long expected = d.packets + d.lost;
        out.printf(Locale.ROOT, "streams        %d (%d playing at the end), %s, %.1f s%n", n, playing,
                TransportConverter.name(transport), secs);
        out.printf(Locale.ROOT, "video frames   %d (%.1f fps per stream)%n", d.videoFrames, d.videoFrames / secs / n);
        out.printf(Locale.ROOT, "audio frames   %d%n", d.audioFrames);
        out.printf(Locale.ROOT, "received       %.2f Mbit/s (%.3f per stream)%n", d.bytes * 8 / secs / 1e6, d.bytes * 8 / secs / 1e6 / n);
        out.printf(Locale.ROOT, "packet loss    %d of %d (%.3f %%), %d frames dropped%n", d.lost, expected,
                expected == 0 ? 0.0 : 100.0 * d.lost / expected, d.framesDropped);
        out.printf(Locale.ROOT, "process CPU    %.1f %% of one core%n", 100.0 * d.cpuNanos / d.wallNanos);
        out.printf(Locale.ROOT, "process RSS    %s%n", residentSetSize());
        out.flush();
    }

    /** VmRSS of this process from /proc, or "unknown" off Linux. */
    static String residentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%.1f MiB", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "unknown";
    }

    /** Counters summed over every session, with the process CPU time, at one moment. */
    private record Sample(long wallNanos, long cpuNanos, long videoFrames, long audioFrames, long bytes, long packets,
                          long lost, long framesDropped) {
        static Sample take(List<CameraSession> sessions) {
            long v = 0, a = 0, b = 0, p = 0, l = 0, f = 0;
            for (CameraSession s : sessions) {
                CameraStatistics st = s.statistics();
                v += st.videoFrames();
                a += st.audioFrames();
                b += st.bytesReceived();
                p += st.packetsReceived();
                l += st.packetsLost();
                f += st.framesDropped();
            }
            return new Sample(System.nanoTime(), processCpuNanos(), v, a, b, p, l, f);
        }

        Sample minus(Sample o) {
            return new Sample(wallNanos - o.wallNanos, cpuNanos - o.cpuNanos, videoFrames - o.videoFrames,
                    audioFrames - o.audioFrames, bytes - o.bytes, packets - o.packets, lost - o.lost,
                    framesDropped - o.framesDropped);
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }
    }
}
