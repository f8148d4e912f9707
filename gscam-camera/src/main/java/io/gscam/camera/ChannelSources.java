package io.gscam.camera;

import io.gscam.camera.http.SnapshotSource;
import io.gscam.camera.stream.AudioCodec;
import io.gscam.camera.stream.ChannelSourceFactory;
import io.gscam.camera.stream.FileChannelSource;
import io.gscam.camera.stream.LiveAudioSource;
import io.gscam.camera.stream.StreamProfile;
import io.gscam.camera.stream.VideoCodec;
import io.gscam.camera.source.BeepAudio;
import io.gscam.camera.source.BuiltInLoops;
import io.gscam.camera.source.FfmpegLiveH264Source;
import io.gscam.camera.source.MediaSource;
import io.gscam.camera.source.MergedSource;
import io.gscam.camera.source.MjpegLiveSource;
import io.gscam.camera.source.TestPatternRenderer;
import io.gscam.camera.source.TimedSample;
import io.gscam.camera.source.TrackInfo;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;

/**
 * Opens each channel's media as the configuration says ({@code --video}, {@code --audio},
 * {@code --source}, {@code --encoder}):
 * <ul>
 * <li>H.264 with {@code --encoder builtin}: the channel's shipped loop (needs nothing installed);
 *     with {@code --encoder ffmpeg}: the test pattern and a running wall clock encoded live by an
 *     installed ffmpeg ({@link FfmpegLiveH264Source}).</li>
 * <li>MJPEG: the test pattern and clock rendered to JPEG live ({@link MjpegLiveSource}), payload
 *     type 26; the Server header announces the rate its frames really take.</li>
 * <li>{@code --source CH=FILE}: the file's H.264 (Annex-B or MP4) looped, with its G.711 audio as
 *     it is when the channel's audio codec matches, re-encoded to the channel's codec otherwise.</li>
 * <li>Audio: a beep once a second (or a file's audio), encoded live packet by packet
 *     ({@link LiveAudioSource}) as PCMU, PCMA or G.726, so G.726's predictor runs on across loops.</li>
 * </ul>
 * The configuration is checked when this is built, so a camera with an unknown codec name, MJPEG
 * from a file, or {@code --encoder ffmpeg} without an ffmpeg refuses to start with one clear line.
 * Owns the threads its ffmpeg sources need (started on first use); {@link #close()} stops them.
 * Knows the MJPEG sources it opened while they are open, so {@link #streamSnapshots()} can serve a
 * channel's snapshot from the frames its stream is sending.
 */
public final class ChannelSources implements ChannelSourceFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelSources.class);
    /** How long ffmpeg may take to produce its first keyframe. */
    private static final Duration FFMPEG_START_TIMEOUT = Duration.ofSeconds(10);

    private final CameraConfig config;
    private final InstantSource wallClock;
    private final LongSupplier nanoClock;
    private final Optional<Path> ffmpeg;
    private final short[] beep;
    /** The MJPEG sources open now, by channel: removed when their stream closes them. */
    private final ConcurrentHashMap<Integer, MjpegLiveSource> openMjpeg = new ConcurrentHashMap<>();
    private FfmpegThreads threads;
    private boolean closed;

    /** The system clocks and the ffmpeg on PATH, if any. */
    public ChannelSources(CameraConfig config) {
        this(config, InstantSource.system(), System::nanoTime, FfmpegLiveH264Source.findFfmpeg());
    }

    /**
     * @param wallClock the time the test pattern shows
     * @param nanoClock the live encoder's frame schedule
     * @param ffmpeg    the ffmpeg executable for {@code --encoder ffmpeg}, if installed
     * @throws IllegalArgumentException when the configuration names what cannot be served
     */
    public ChannelSources(CameraConfig config, InstantSource wallClock, LongSupplier nanoClock, Optional<Path> ffmpeg) {
        this.config = Objects.requireNonNull(config, "config");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        validate(config, ffmpeg);
        this.beep = beepLoop();
    }

    /**
     * Checks every configured channel and the encoder.
     *
     * @throws IllegalArgumentException naming the first thing that cannot be served
     */
    public static void validate(CameraConfig config, Optional<Path> ffmpeg) {
        boolean live = switch (config.encoder()) {
            case "builtin" -> false;
            case "ffmpeg" -> true;
            default -> throw new IllegalArgumentException("--encoder must be builtin or ffmpeg, not " + config.encoder());
        };
        if (live && ffmpeg.isEmpty()) {
            throw new IllegalArgumentException("--encoder ffmpeg needs an ffmpeg executable on PATH"
                    + " (apt-get install ffmpeg); without it use --encoder builtin");
        }
        config.channels().forEach((ch, media) -> {
            try {
                VideoCodec video = VideoCodec.parse(media.video());
                AudioCodec.parse(media.audio());
                if (media.source().isPresent() && video != VideoCodec.H264) {
                    throw new IllegalArgumentException("--source plays the file's H.264; --video " + video.cliName()
                            + " cannot apply to it");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel " + ch + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public MediaSource open(int channel) throws IOException {
        ChannelMedia media = config.media(channel);
        VideoCodec video = VideoCodec.parse(media.video());
        Optional<AudioCodec> audio = AudioCodec.parse(media.audio());
        if (media.source().isPresent()) {
            return FileChannelSource.open(channel, media.source().get(), audio);
        }
        List<MediaSource> parts = new ArrayList<>(2);
        parts.add(switch (video) {
            case H264 -> "ffmpeg".equals(config.encoder()) ? liveH264(channel) : BuiltInLoops.source(channel);
            case MJPEG -> liveMjpeg(channel);
        });
        try {
            audio.ifPresent(codec -> parts.add(new LiveAudioSource(codec, beep)));
        } catch (RuntimeException e) {
            parts.forEach(MediaSource::close);
            throw e;
        }
        return parts.size() == 1 ? parts.get(0) : new MergedSource(parts);
    }

    private MediaSource liveMjpeg(int channel) {
        StreamProfile p = StreamProfile.of(channel);
        TestPatternRenderer renderer = new TestPatternRenderer(channel, p.width(), p.height(), p.frameRate());
        // JPEG's rate is what its frames take: announce that, measured on a first frame.
        int bytes = renderer.renderJpeg(0, wallClock.instant()).length;
        int kbps = (int) Math.max(1, Math.round(bytes * 8.0 * p.frameRate().perSecond() / 1000));
        MjpegLiveSource source = new MjpegLiveSource(renderer, p.frameRate(), wallClock, kbps);
        openMjpeg.put(channel, source);
        return new Owning(source, () -> {
            // Forgotten before the renderer closes, so a snapshot never asks a closed renderer.
            openMjpeg.remove(channel, source);
            renderer.close();
        });
    }

    /**
     * The snapshots of channels whose MJPEG source is open: the frame its stream sent last (a fresh
     * rendering by the same source when the stream has not pulled a frame for two frame times).
     * Empty for any other channel (H.264, or nothing open), so it composes with a fallback:
     * {@code sources.streamSnapshots().orElse(testPattern)}.
     */
    public SnapshotSource streamSnapshots() {
        return channel -> {
            MjpegLiveSource source = openMjpeg.get(channel);
            if (source == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(source.snapshotJpeg());
            } catch (RuntimeException e) {
                // The stream closed it (and its renderer) meanwhile: the fallback answers.
                log.debug("channel {}: snapshot of a closing MJPEG source failed", channel, e);
                return Optional.empty();
            }
        };
    }

    private MediaSource liveH264(int channel) throws IOException {
        StreamProfile p = StreamProfile.of(channel);
        TestPatternRenderer renderer = new TestPatternRenderer(channel, p.width(), p.height(), p.frameRate());
        try {
            FfmpegThreads threads = ffmpegThreads();
            return new Owning(FfmpegLiveH264Source.start(ffmpeg.orElseThrow(), renderer, p.frameRate(), p.bitrateKbps(),
                    wallClock, nanoClock, threads.render(), threads.pipes(), FFMPEG_START_TIMEOUT), renderer);
        } catch (IOException | RuntimeException e) {
            renderer.close();
            throw new IOException("channel " + channel + ": live H.264 through ffmpeg: " + e.getMessage(), e);
        }
    }

    /** The render scheduler and pipe threads of the ffmpeg sources, started on first use. */
    private synchronized FfmpegThreads ffmpegThreads() throws IOException {
        if (closed) {
            throw new IOException("channel sources closed");
        }
        if (threads == null) {
            ScheduledThreadPoolExecutor render = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("gscam-render", true));
            render.setRemoveOnCancelPolicy(true);
            // Three blocking tasks per ffmpeg process (stdin, stdout, stderr): one thread each.
            threads = new FfmpegThreads(render, Executors.newCachedThreadPool(new DefaultThreadFactory("gscam-ffmpeg", true)));
        }
        return threads;
    }

    private record FfmpegThreads(ScheduledThreadPoolExecutor render, ExecutorService pipes) {
    }

    /** One second of the built-in beep as 8 kHz PCM: a whole number of 20 ms packets, so it loops seamlessly. */
    private static short[] beepLoop() {
        short[] pcm = new short[BeepAudio.SAMPLE_RATE];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = BeepAudio.sample(i);
        }
        return pcm;
    }

    /** Stops the ffmpeg sources' threads. The sources themselves are closed by their streams. */
    @Override
    public synchronized void close() {
        closed = true;
        if (threads != null) {
            threads.render().shutdownNow();
            threads.pipes().shutdownNow();
        }
    }

    /** A source that also closes what it was made from (a renderer's JPEG writer) when it closes. */
    private static final class Owning implements MediaSource {
        private final MediaSource source;
        private final AutoCloseable resource;

        Owning(MediaSource source, AutoCloseable resource) {
            this.source = source;
            this.resource = resource;
        }

        @Override
        public List<TrackInfo> tracks() {
            return source.tracks();
        }

        @Override
        public TimedSample next() {
            return source.next();
        }

        @Override
        public void close() {
            try {
                source.close();
            } finally {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.debug("closing {} failed", resource, e);
                }
            }
        }
    }
}
