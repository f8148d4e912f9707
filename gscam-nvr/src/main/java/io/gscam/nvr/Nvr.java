package io.gscam.nvr;

import io.gscam.client.AlarmEvent;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.GsCamClient;
import io.gscam.net.NettyTransport;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;
import io.gscam.nvr.config.RecordMode;
import io.gscam.nvr.events.EventBus;
import io.gscam.nvr.events.NvrEvent;
import io.gscam.nvr.http.HttpApi;
import io.gscam.nvr.index.Gap;
import io.gscam.nvr.index.RecordingIndex;
import io.gscam.nvr.index.Segment;
import io.gscam.nvr.out.AlarmsOut;
import io.gscam.nvr.record.CameraRecorder;
import io.gscam.nvr.record.LiveFeed;
import io.gscam.nvr.record.LiveFeeds;
import io.gscam.nvr.record.RecorderContext;
import io.gscam.nvr.record.RecorderThreads;
import io.gscam.nvr.relay.RelayServer;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.DiskSpace;
import io.gscam.nvr.storage.Retention;
import io.gscam.nvr.storage.SegmentFiles;
import io.gscam.nvr.storage.SegmentRecovery;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The NVR: one client session per camera (reconnecting forever), each recorded by a
 * {@link CameraRecorder} into segments under the data directory, indexed in SQLite, kept within the
 * storage limits by {@link Retention}, served by {@link HttpApi}; each camera's live frames are
 * served again over RTSP by the {@link RelayServer} on {@code rtsp.port}. Start-up recovers what a crash
 * left half written and records the downtime as {@code nvr-stopped} gaps.
 * <pre>{@code
 * try (Nvr nvr = Nvr.start(ConfigLoader.load(Path.of("nvr.yaml")), NvrOptions.defaults())) {
 *     nvr.awaitStop();
 * }
 * }</pre>
 * One Netty event-loop group serves the camera sessions and HTTP; every file and index call runs on
 * the recorders' writer threads, the HTTP worker pool or the housekeeping thread, never on the group.
 */
public final class Nvr implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Nvr.class);

    private final NvrConfig config;
    private final NvrOptions options;
    private final EventLoopGroup group;
    private final GsCamClient client;
    private final RecordingIndex index;
    private final SegmentFiles files;
    private final Retention retention;
    private final EventBus bus = new EventBus();
    private final LiveFeeds live = new LiveFeeds();
    private final Map<String, CameraRecorder> recorders = new LinkedHashMap<>();
    private final RecorderThreads writers = RecorderThreads.defaults();
    private final Map<String, CameraSession> sessions = new LinkedHashMap<>();
    private final List<CameraSession> alarmSessions = new ArrayList<>();
    private final Map<String, CameraRates> rates = new LinkedHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private final ExecutorService httpWorkers;
    private HttpApi http;
    private AlarmsOut alarmsOut;
    private RelayServer relay;
    private boolean closed;

    private Nvr(NvrConfig config, NvrOptions options) throws IOException {
        this.config = config;
        this.options = options;
        Files.createDirectories(config.data());
        this.files = new SegmentFiles(config.data());
        this.index = RecordingIndex.open(config.data());
        DiskSpace disk = options.disk() != null ? options.disk() : DiskSpace.of(config.data());
        this.retention = new Retention(files, index, config, disk, options.clock(), this::openBytes);
        // Epoll where it loads (NettyTransport): for 64 cameras, fewer system calls and less garbage per read than NIO.
        this.group = NettyTransport.best().newGroup("nvr-io", 0, false);
        this.client = GsCamClient.builder().eventLoopGroup(group).clock(options.clock()).build();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nvr-housekeeping"));
        this.httpWorkers = Executors.newFixedThreadPool(4, r -> daemon(r, "nvr-http-worker"));
        RecorderContext ctx = new RecorderContext(files, index, new SegmentRecovery(files, index), retention, disk,
                config.storage().minFreeBytes(), bus, live, options.clock(), options.segmentDuration(),
                DirectWrites.forDirectory(config.data(), options.directWrites()));
        for (CameraSettings c : config.cameras()) {
            recorders.put(c.name(), new CameraRecorder(c, ctx, writers));
            rates.put(c.name(), new CameraRates());
        }
    }

    /** Recovers the data directory, starts recording every camera and serves HTTP. */
    public static Nvr start(NvrConfig config, NvrOptions options) throws IOException {
        Nvr nvr = new Nvr(config, options);
        try {
            nvr.startUp();
        } catch (IOException | RuntimeException e) {
            nvr.close();
            throw e;
        }
        return nvr;
    }

    private void startUp() throws IOException {
        java.nio.file.Path tmp = config.data().resolve("tmp");
        if (Files.isDirectory(tmp)) {
            try (java.util.stream.Stream<java.nio.file.Path> left = Files.list(tmp)) {
                for (java.nio.file.Path f : left.toList()) {
                    Files.deleteIfExists(f); // /get answers a crash left half sent
                }
            }
        }
        List<Segment> recovered = new SegmentRecovery(files, index).run();
        if (!recovered.isEmpty()) {
            log.info("recovered {} segment(s) the last run left unindexed", recovered.size());
        }
        Instant now = options.clock().instant();
        for (CameraSettings c : config.cameras()) {
            if (c.record() != RecordMode.CONTINUOUS) {
                continue;
            }
            Optional<Segment> last = index.lastSegment(c.name());
            if (last.isPresent() && last.get().end().isBefore(now)) {
                Gap g = new Gap(c.name(), last.get().end(), now, Gap.NVR_STOPPED);
                index.addGap(g);
                bus.publish(new NvrEvent.GapRecorded(c.name(), g));
            }
        }
        retention.enforce();
        alarmsOut = AlarmsOut.start(config, bus, group, options.clock(), this::model, AlarmsOut.Tuning.defaults());
        // The relay subscribes to the live feeds before the sessions start, so it sees their first stream info.
        relay = RelayServer.start(live, List.copyOf(recorders.keySet()), RelayServer.Settings.of(options.bindAddress(),
                config.rtsp().port(), config.http().user(), config.http().password()).withClock(options.clock())
                .withLimits(config.limits()));
        for (CameraSettings c : config.cameras()) {
            CameraRecorder r = recorders.get(c.name());
            r.start();
            // After a loss, video resumes at the next keyframe: a segment never holds a frame whose reference was lost.
            CameraOptions media = CameraOptions.builder(c.url()).transport(c.transport()).reconnect(options.reconnect())
                    .keyframeAfterLoss(true).build();
            sessions.put(c.name(), client.open(media, r));
            if (c.alarms().isPresent()) {
                // Alarms on a session of their own (no tracks, as `gscam events` does): a camera that
                // speaks no MCTP then costs its alarms, never its recording.
                CameraOptions alarms = media.toBuilder().video(false).audio(false)
                        .alarmChannel(c.alarms().getAsInt()).build();
                alarmSessions.add(client.open(alarms, new CameraListener() {
                    @Override
                    public void onAlarm(AlarmEvent alarm) {
                        r.onAlarm(alarm);
                    }
                }));
            }
        }
        long period = options.housekeeping().toMillis();
        housekeeping.scheduleWithFixedDelay(this::housekeep, period, period, TimeUnit.MILLISECONDS);
        http = HttpApi.start(this, group, httpWorkers, new InetSocketAddress(options.bindAddress(), config.http().port()),
                config.limits());
    }

    private void housekeep() {
        long now = System.nanoTime();
        for (Map.Entry<String, CameraRecorder> e : recorders.entrySet()) {
            rates.get(e.getKey()).sample(e.getValue().videoFrames(), e.getValue().mediaBytes(), now);
        }
        try {
            retention.enforce();
        } catch (IOException | RuntimeException e) {
            log.warn("retention: {}", e.toString());
        }
    }

    /** The camera's model for Home Assistant: its Server header, once a session has seen one. */
    private Optional<String> model(String camera) {
        CameraSession s = sessions.get(camera);
        return s == null ? Optional.empty() : s.streamInfo().map(i -> i.server());
    }

    private long openBytes(String camera) {
        CameraRecorder r = recorders.get(camera);
        return r == null ? 0 : r.openSegmentBytes();
    }

    public NvrConfig config() {
        return config;
    }

    public RecordingIndex index() {
        return index;
    }

    public SegmentFiles files() {
        return files;
    }

    public Retention retention() {
        return retention;
    }

    /** The in-process event bus (alarms, events, gaps, segments, camera states). */
    public EventBus events() {
        return bus;
    }

    /** MQTT and webhooks (their counters are in /metrics). */
    public AlarmsOut alarmsOut() {
        return alarmsOut;
    }

    /** Each camera's live frames: where the RTSP relay and the live view subscribe. */
    public LiveFeed live() {
        return live;
    }

    public java.time.Clock clock() {
        return options.clock();
    }

    /** Where HTTP listens (the real port when the configured one was 0). */
    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Where the RTSP relay listens (the real port when the configured one was 0). */
    public InetSocketAddress rtspAddress() {
        return relay.address();
    }

    /** The RTSP relay: every camera at {@code rtsp://host:<rtsp port>/<camera>}. */
    public RelayServer relay() {
        return relay;
    }

    /**
     * The segments of {@code camera} overlapping [from, to) (null: open), oldest first: the indexed
     * ones and the one being written. Blocking (the index).
     */
    public List<Segment> segments(String camera, Instant from, Instant to) throws IOException {
        CameraRecorder r = recorders.get(camera);
        // The open one first: should it be closed and indexed meanwhile, the index has it.
        Optional<Segment> open = r == null ? Optional.empty() : r.openSegment();
        List<Segment> out = new ArrayList<>(index.segments(camera, from, to));
        if (r != null) {
            open.filter(s -> (from == null || s.end().isAfter(from)) && (to == null || s.start().isBefore(to))
                    && out.stream().noneMatch(i -> i.path().equals(s.path()))).ifPresent(out::add);
        }
        return out;
    }

    /** Every camera's status, in configuration order. */
    public List<CameraStatus> cameras() {
        List<CameraStatus> out = new ArrayList<>();
        for (CameraSettings c : config.cameras()) {
            CameraRecorder r = recorders.get(c.name());
            CameraSession s = sessions.get(c.name());
            CameraRates rate = rates.get(c.name());
            out.add(new CameraStatus(c, s == null ? r.state() : s.state(), r.reason(),
                    s == null ? Optional.ofNullable(r.streamInfo()) : s.streamInfo(),
                    s == null ? new io.gscam.client.CameraStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : s.statistics(),
                    rate.fps(), rate.kbps(), r.bytesWritten(), r.framesDropped(), r.recording()));
        }
        return out;
    }

    /** Closes the sessions, finishes every open segment (durable, indexed), stops HTTP. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.close();
        }
        if (relay != null) {
            relay.close();
        }
        for (CameraSession s : alarmSessions) {
            s.close();
        }
        for (CameraSession s : sessions.values()) {
            s.close();
        }
        for (CameraRecorder r : recorders.values()) {
            r.close();
        }
        writers.close();
        if (alarmsOut != null) {
            alarmsOut.close();
        }
        housekeeping.shutdownNow();
        httpWorkers.shutdownNow();
        client.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            index.close();
        } catch (IOException e) {
            log.warn("closing the index: {}", e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
