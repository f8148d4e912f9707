package io.gscam.cli.client;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraException;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.HeartbeatStatus;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.media.g726.G726Mode;
import io.gscam.media.g726.G726Packing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gscam probe URL}: connects, plays for a moment and says what the camera serves: codecs,
 * picture size, frame rate, bit rate, audio format, transport, session timeout and server name.
 * Declared values (SPS, SDP, the Grandstream Server header) win; what was measured while playing
 * fills the gaps.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Connect to a camera and print what it serves.",
                "Exits non-zero with a one-line reason (401 Unauthorized, 404 Not Found, connection refused, timeout)."})
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UrlOrSdpFile url;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up when not playing within this time (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--measure", paramLabel = "SECONDS", defaultValue = "2",
            description = "How long to receive media to measure frame rate and bit rate (default: ${DEFAULT-VALUE}).")
    double measureSeconds;

    @Override
    public Integer call() throws InterruptedException {
        CameraUrl cameraUrl = url.parse();
        Duration timeout = Durations.seconds(timeoutSeconds, "--timeout");
        Duration measure = measureSeconds <= 0 ? Duration.ZERO : Durations.seconds(measureSeconds, "--measure");
        CameraOptions options = client.applyTo(CameraOptions.builder(cameraUrl))
                .connectTimeout(timeout)
                .responseTimeout(timeout)
                .reconnect(ReconnectPolicy.NEVER)
                .build();
        Probe probe;
        try (GsCamClient gsCamClient = GsCamClient.builder().ioThreads(1).build();
             CameraSession session = gsCamClient.open(options)) {
            StreamInfo info = session.awaitPlaying(timeout);
            probe = measure(session, info, measure, timeout, options.g726Packing());
        } catch (CameraException e) {
            throw CameraFailures.of(e, cameraUrl);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(probe) : toText(probe));
        out.flush();
        return 0;
    }

    /**
     * What a probe found: the stream info (latest, after in-band SPS), what was measured, and the
     * G.726 packing the user said is on the wire ({@code --g726-packing}).
     */
    record Probe(StreamInfo info, List<Measured> measured, Optional<G726Packing> g726Override) {
        Measured of(TrackInfo t) {
            return measured.get(t.index());
        }

        /** The packing a G.726 track was read with: the override, else what its name declares; empty for other codecs. */
        Optional<G726Packing> g726Packing(TrackInfo t) {
            return G726Mode.forEncodingName(t.codec()).map(m -> g726Override.orElse(m.packing()));
        }
    }

    /** Frames received on one track while measuring; rates are 0 when too few frames came. */
    record Measured(long frames, double fps, double kbps) {
    }

    /**
     * Receives media for {@code measure} (longer, up to {@code timeout}, until a first frame came on
     * every track set up) and counts frames and bytes per track.
     */
    private static Probe measure(CameraSession session, StreamInfo info, Duration measure, Duration timeout,
                                 Optional<G726Packing> g726Override)
            throws InterruptedException, CameraException {
        int n = info.tracks().size();
        long[] frames = new long[n];
        long[] bytes = new long[n];
        long[] firstPts = new long[n];
        long[] lastPts = new long[n];
        long start = System.nanoTime();
        long giveUp = start + timeout.toNanos();
        StreamInfo latest = info;
        while (true) {
            long now = System.nanoTime();
            boolean allSeen = true;
            for (TrackInfo t : latest.tracks()) {
                allSeen &= !t.setUp() || frames[t.index()] > 0;
            }
            if ((now - start >= measure.toNanos() && allSeen) || now >= giveUp) {
                break;
            }
            CameraEvent event = session.take(Duration.ofMillis(100));
            int track = -1;
            long pts = 0;
            int size = 0;
            if (event instanceof VideoFrame v) {
                track = v.trackIndex();
                pts = v.presentationTime().toNanos();
                size = v.data().length;
            } else if (event instanceof AudioFrame a) {
                track = a.trackIndex();
                pts = a.presentationTime().toNanos();
                size = a.data().length;
            } else if (event instanceof StreamInfo s && s.tracks().size() == n) {
                latest = s;
            } else if (event instanceof StateChange c
                    && (c.state().isFinal() || c.state() == CameraState.RECONNECTING)) {
                throw c.error().orElse(new CameraException(CameraException.Kind.CONNECTION_LOST, c.reason()));
            }
            if (track >= 0 && track < n) {
                if (frames[track]++ == 0) {
                    firstPts[track] = pts;
                }
                lastPts[track] = pts;
                bytes[track] += size;
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double span = (lastPts[i] - firstPts[i]) / 1e9;
            boolean enough = frames[i] >= 2 && span > 0;
            measured.add(new Measured(frames[i], enough ? (frames[i] - 1) / span : 0,
                    enough ? bytes[i] * 8.0 / 1000 / (span * frames[i] / (frames[i] - 1)) : 0));
        }
        return new Probe(latest.withHeartbeat(heartbeatOutcome(session, giveUp)), measured, g726Override);
    }

    /** The heartbeat registration's outcome, waiting (up to {@code giveUp}) while it is still being registered. */
    private static HeartbeatStatus heartbeatOutcome(CameraSession session, long giveUp) throws InterruptedException {
        HeartbeatStatus status = session.streamInfo().map(StreamInfo::heartbeat).orElse(HeartbeatStatus.NOT_OPENED);
        while (status == HeartbeatStatus.OPENING && System.nanoTime() < giveUp) {
            session.take(Duration.ofMillis(20)); // media events are no longer counted; this only paces the wait
            status = session.streamInfo().map(StreamInfo::heartbeat).orElse(HeartbeatStatus.NOT_OPENED);
        }
        return status;
    }

    static double fps(TrackInfo t, Measured m) {
        return t.fps() > 0 ? t.fps() : Math.rint(m.fps() * 100) / 100;
    }

    static long kbps(TrackInfo t, Measured m) {
        return t.kbps() > 0 ? t.kbps() : Math.round(m.kbps());
    }

    static String toJson(Probe probe) {
        StreamInfo info = probe.info();
        List<JsonObject> tracks = new ArrayList<>();
        for (TrackInfo t : info.tracks()) {
            Measured m = probe.of(t);
            JsonObject o = new JsonObject()
                    .add("type", t.isVideo() ? "video" : "audio")
                    .add("codec", t.codec())
                    .add("payloadType", t.payloadType())
                    .add("clockRate", t.clockRate());
            if (t.isVideo()) {
                o.add("width", t.width()).add("height", t.height()).add("fps", fps(t, m)).add("kbps", kbps(t, m));
            } else {
                o.add("sampleRate", t.sampleRate()).add("channels", t.channels());
                probe.g726Packing(t).ifPresent(p -> o.add("packing", G726PackingConverter.name(p)));
            }
            tracks.add(o.add("received", t.setUp()).add("framesMeasured", m.frames()));
        }
        return new JsonObject()
                .add("url", info.url())
                .add("server", info.server())
                .add("transport", TransportConverter.name(info.transport()))
                .add("sessionTimeout", info.sessionTimeout().toSeconds())
                .add("heartbeat", info.heartbeat().label())
                .add("tracks", tracks)
                .toString();
    }

    static String toText(Probe probe) {
        StreamInfo info = probe.info();
        StringBuilder sb = new StringBuilder();
        line(sb, "URL", info.url());
        line(sb, "Server", info.server().isEmpty() ? "(not given)" : info.server());
        line(sb, "Transport", info.transport() == Transport.TCP ? "TCP (interleaved)" : "UDP (unicast)");
        line(sb, "Session", info.url().startsWith("file:") ? "none (an SDP file: RTP over UDP, no RTSP)"
                : (info.sessionId().isEmpty() ? "" : info.sessionId() + ", ") + "timeout " + info.sessionTimeout().toSeconds() + " s");
        line(sb, "Heartbeat", info.heartbeat().label());
        for (TrackInfo t : info.tracks()) {
            Measured m = probe.of(t);
            StringBuilder d = new StringBuilder();
            d.append(t.isVideo() ? "video " : "audio ").append(t.codec())
                    .append(" (payload type ").append(t.payloadType()).append(", clock ").append(t.clockRate()).append(" Hz)");
            if (t.isVideo()) {
                d.append(": ").append(t.width() > 0 ? t.width() + "x" + t.height() : "size unknown");
                double fps = fps(t, m);
                d.append(", ").append(fps > 0 ? JsonObject.number(fps) + " fps" : "frame rate unknown");
                long kbps = kbps(t, m);
                d.append(", ").append(kbps > 0 ? kbps + " kbit/s" : "bit rate unknown");
            } else {
                d.append(": ").append(t.sampleRate()).append(" Hz, ")
                        .append(t.channels() == 1 ? "mono" : t.channels() + " channels");
                probe.g726Packing(t).ifPresent(p -> d.append(", ").append(G726PackingConverter.name(p)).append(" packing")
                        .append(probe.g726Override().isPresent() && G726Mode.forEncodingName(t.codec()).orElseThrow().packing() != p
                                ? " (--g726-packing, labelled otherwise)" : ""));
            }
            if (!t.setUp()) {
                d.append(" [not received: no payload format reads it]");
            } else if (m.frames() > 0) {
                d.append(String.format(Locale.ROOT, " [measured %d %s", m.frames(), t.isVideo() ? "frames" : "packets"));
                if (m.fps() > 0) {
                    d.append(t.isVideo() ? String.format(Locale.ROOT, ", %.2f fps", m.fps()) : "")
                            .append(String.format(Locale.ROOT, ", %.0f kbit/s", m.kbps()));
                }
                d.append(']');
            } else {
                d.append(" [no frame received]");
            }
            line(sb, "Track " + t.index(), d.toString());
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-10s %s%n", label, value));
    }
}
