package io.gscam.client.internal.session;

import io.gscam.client.AlarmEvent;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraState;
import io.gscam.client.CameraStatistics;
import io.gscam.client.HeartbeatStatus;
import io.gscam.client.LossEvent;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.Errors;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.media.g726.G726PayloadFormat;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.protocol.mctp.MctpMessage;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The supervisor behind {@link CameraSession}: runs one {@link Playback} (an RTSP session, or the
 * RTP/UDP session of an SDP file) at a time and, when it fails or is lost, decides between reconnecting (with the {@link ReconnectPolicy}'s backoff),
 * falling back from UDP to TCP ({@link Transport#AUTO}) and giving up. All its state lives on one
 * event loop; the public methods hop onto it.
 */
public final class CameraSessionImpl implements CameraSession, Playback.Owner {
    private static final Logger log = LoggerFactory.getLogger(CameraSessionImpl.class);
    /** Frames that arrive between SETUP and the PLAY answer wait for the stream info, up to this many. */
    private static final int MAX_EARLY_FRAMES = 512;
    /** How often AUTO looks for the first UDP packet before announcing PLAYING. */
    private static final Duration UDP_PROOF_POLL = Duration.ofMillis(50);

    private final ClientRuntime runtime;
    private final CameraOptions options;
    private final CameraListener listener;
    private final Consumer<CameraSessionImpl> onFinished;
    private final EventLoop loop;
    private final LinkedBlockingQueue<CameraEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedMedia = new AtomicInteger();
    /** Completes when the session (next) plays; renewed each time it leaves PLAYING, failed when it ends. */
    private volatile CompletableFuture<StreamInfo> nextPlay = new CompletableFuture<>();
    private volatile CameraException finalError;

    private volatile CameraState state = CameraState.CONNECTING;
    private volatile StreamInfo streamInfo;
    private volatile boolean finalTaken;

    // Loop-confined.
    private Playback playback;
    private Transport transport;
    private boolean udpProven;
    private boolean everPlayed;
    private boolean announced;
    private int failedAttempts;
    private boolean closed;
    private ScheduledFuture<?> retry;
    /** AUTO over UDP not yet proven: PLAY was answered, PLAYING waits for the first packet (or the fallback). */
    private ScheduledFuture<?> awaitingUdp;
    private final List<CameraEvent> early = new ArrayList<>();
    /** A heartbeat outcome that came before PLAYING was announced. */
    private HeartbeatStatus earlyHeartbeat;
    private final Totals totals = new Totals();

    public CameraSessionImpl(ClientRuntime runtime, CameraOptions options, CameraListener listener,
                             Consumer<CameraSessionImpl> onFinished) {
        // A G.726 packing override, or resuming H.264 at keyframes, reads this session's media differently;
        // other sessions keep the client's registry.
        ClientRuntime own = options.g726Packing()
                .map(packing -> runtime.withPayloadFormats(runtime.payloadFormats().with(new G726PayloadFormat(packing))))
                .orElse(runtime);
        this.runtime = options.keyframeAfterLoss()
                ? own.withPayloadFormats(own.payloadFormats().with(H264PayloadFormat.resumingAtKeyframes()))
                : own;
        this.options = options;
        this.listener = listener;
        this.onFinished = onFinished;
        this.loop = runtime.group().next();
        this.transport = options.transport() == Transport.TCP ? Transport.TCP : Transport.UDP;
    }

    public void start() {
        loop.execute(() -> connect(options.url().sdpFile().map(f -> "reading " + f)
                .orElse("connecting to " + options.url().host() + ":" + options.url().port())));
    }

    // ---- the supervisor, on the loop ----

    private void connect(String reason) {
        if (closed) {
            return;
        }
        retry = null;
        announced = false;
        early.clear();
        earlyHeartbeat = null;
        setState(StateChange.of(CameraState.CONNECTING, reason));
        Playback p = options.url().sdpFile().isPresent() ? new SdpPlayback(runtime, loop, options, this)
                : new RtspPlayback(runtime, loop, options, transport, this);
        playback = p;
        p.start().whenComplete((info, error) -> {
            if (playback != p || closed) {
                return;
            }
            if (error != null) {
                failed(asCameraException(error), false);
                return;
            }
            if (options.transport() == Transport.AUTO && transport == Transport.UDP && !udpProven && !hasPackets(p)) {
                // Not PLAYING before a packet came: a silent UDP session falls back to TCP, and callers
                // (awaitPlaying, probe) must not see "playing over UDP" from it. Frames wait in early.
                awaitingUdp = loop.scheduleAtFixedRate(() -> {
                    if (playback == p && hasPackets(p)) {
                        stopAwaitingUdp();
                        onPlaying(info);
                    }
                }, UDP_PROOF_POLL.toMillis(), UDP_PROOF_POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            onPlaying(info);
        });
    }

    private void stopAwaitingUdp() {
        if (awaitingUdp != null) {
            awaitingUdp.cancel(false);
            awaitingUdp = null;
        }
    }

    private void onPlaying(StreamInfo playingInfo) {
        StreamInfo info = earlyHeartbeat == null ? playingInfo : playingInfo.withHeartbeat(earlyHeartbeat);
        earlyHeartbeat = null;
        if (failedAttempts > 0 || everPlayed) {
            totals.reconnects++;
        }
        failedAttempts = 0;
        everPlayed = true;
        if (transport == Transport.UDP && hasPackets(playback)) {
            udpProven = true;
        }
        streamInfo = info;
        setState(StateChange.of(CameraState.PLAYING, "playing over " + info.transport()
                + (info.server().isEmpty() ? "" : " from " + info.server())));
        emit(info);
        announced = true;
        List<CameraEvent> waiting = new ArrayList<>(early);
        early.clear();
        waiting.forEach(this::emit);
        nextPlay.complete(info);
    }

    @Override
    public void onPlaybackLost(Playback p, CameraException cause) {
        if (p == playback && !closed) {
            failed(cause, true);
        }
    }

    private void failed(CameraException cause, boolean wasPlaying) {
        stopAwaitingUdp();
        Playback p = playback;
        if (p != null) {
            totals.add(p);
            p.close(cause.kind() == Kind.NO_MEDIA || cause.kind() == Kind.HEARTBEAT_LOST);
        }
        playback = null;
        if (closed) {
            return;
        }
        log.info("camera {}: {}", options.url(), cause.getMessage());
        if (options.transport() == Transport.AUTO && transport == Transport.UDP && !udpProven
                && (cause.kind() == Kind.NO_MEDIA || cause.kind() == Kind.STATUS && cause.statusCode() == 461)) {
            transport = Transport.TCP;
            connect("no UDP packets within " + Errors.seconds(options.udpFallbackTimeout()) + ", falling back to TCP");
            return;
        }
        ReconnectPolicy policy = options.reconnect();
        int attempt = failedAttempts + 1;
        boolean retry = cause.kind().retryable() && (everPlayed || policy.retryFirstConnect()) && policy.allows(attempt);
        if (!retry) {
            finish(new StateChange(CameraState.FAILED, cause.getMessage(), 0, Duration.ZERO, Optional.of(cause)), cause);
            return;
        }
        failedAttempts = attempt;
        Duration delay = policy.delayBefore(attempt);
        setState(new StateChange(CameraState.RECONNECTING, cause.getMessage(), attempt, delay, Optional.of(cause)));
        this.retry = loop.schedule(() -> connect("reconnecting, attempt " + attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean hasPackets(Playback p) {
        return p != null && p.tracks().stream().anyMatch(t -> t.packetsReceived() > 0);
    }

    private void finish(StateChange change, CameraException error) {
        closed = true;
        setState(change);
        finalError = error != null ? error : new CameraException(Kind.CONNECTION_LOST, "session closed");
        nextPlay.completeExceptionally(finalError);
        onFinished.accept(this);
    }

    private void setState(StateChange change) {
        if (change.state() != CameraState.PLAYING && nextPlay.isDone()) {
            nextPlay = new CompletableFuture<>(); // awaitPlaying waits for the next PLAYING, not the last one
        }
        state = change.state();
        emit(change);
    }

    // ---- deliveries from the playback, on the loop ----

    @Override
    public void onVideo(VideoFrame frame) {
        totals.videoFrames++;
        media(frame);
    }

    @Override
    public void onAudio(AudioFrame frame) {
        totals.audioFrames++;
        media(frame);
    }

    @Override
    public void onTrackChanged(TrackInfo track) {
        StreamInfo info = streamInfo;
        if (info != null && announced) {
            streamInfo = info.withTrack(track);
            emit(streamInfo);
        }
    }

    @Override
    public void onHeartbeat(Playback p, HeartbeatStatus status) {
        if (p != playback || closed) {
            return;
        }
        if (announced && streamInfo != null) {
            // No event: a StreamInfo event means a (re)connection or a new picture size; streamInfo() tells.
            streamInfo = streamInfo.withHeartbeat(status);
        } else {
            earlyHeartbeat = status; // AUTO over UDP still awaiting its first packet: PLAYING will carry it
        }
    }

    @Override
    public void onAlarm(MctpMessage.Alarm alarm, String rawText) {
        totals.alarms++;
        emit(new AlarmEvent(alarm.channel(), alarm.source(), alarm.time(), rawText));
    }

    @Override
    public void onLoss(int trackIndex, long packetsLost, long framesDropped, long totalLost) {
        emit(new LossEvent(trackIndex, packetsLost, framesDropped, totalLost));
    }

    private void media(CameraEvent event) {
        if (!announced) {
            if (early.size() < MAX_EARLY_FRAMES) {
                early.add(event);
            } else {
                totals.eventsDropped++;
            }
            return;
        }
        emit(event);
    }

    private void emit(CameraEvent event) {
        if (listener != null) {
            try {
                CameraListener.dispatch(listener, event);
            } catch (RuntimeException e) {
                log.warn("camera listener threw on {}", event.getClass().getSimpleName(), e);
            }
            return;
        }
        boolean media = event instanceof VideoFrame || event instanceof AudioFrame;
        if (media) {
            if (queuedMedia.get() >= options.eventQueueCapacity()) {
                totals.eventsDropped++;
                return;
            }
            queuedMedia.incrementAndGet();
        }
        queue.add(event);
    }

    // ---- the public side, any thread ----

    @Override
    public CameraOptions options() {
        return options;
    }

    @Override
    public CameraState state() {
        return state;
    }

    @Override
    public Optional<StreamInfo> streamInfo() {
        return Optional.ofNullable(streamInfo);
    }

    @Override
    public CameraStatistics statistics() {
        if (loop.inEventLoop()) {
            return totals.snapshot(playback);
        }
        try {
            return loop.submit(() -> totals.snapshot(playback)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return totals.snapshot(null);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            return totals.snapshot(null);
        }
    }

    @Override
    public StreamInfo awaitPlaying(Duration timeout) throws CameraException, InterruptedException {
        StreamInfo info = streamInfo;
        CameraState now = state;
        if (now == CameraState.PLAYING && info != null) {
            return info;
        }
        CameraException ended = finalError;
        if (now.isFinal() && ended != null) {
            throw ended;
        }
        try {
            return nextPlay.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asCameraException(e.getCause());
        } catch (TimeoutException e) {
            throw new CameraException(Kind.TIMEOUT, "timeout: not playing within " + Errors.seconds(timeout));
        }
    }

    @Override
    public CameraEvent take(Duration timeout) throws InterruptedException {
        if (listener != null) {
            throw new IllegalStateException("this session delivers to its listener");
        }
        if (finalTaken && queue.isEmpty()) {
            return null;
        }
        CameraEvent event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event instanceof VideoFrame || event instanceof AudioFrame) {
            queuedMedia.decrementAndGet();
        } else if (event instanceof StateChange change && change.state().isFinal()) {
            finalTaken = true;
        }
        return event;
    }

    @Override
    public void close() {
        if (loop.isShuttingDown()) {
            state = CameraState.CLOSED;
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (!closed) {
                if (retry != null) {
                    retry.cancel(false);
                }
                stopAwaitingUdp();
                if (playback != null) {
                    totals.add(playback);
                    playback.close(true);
                    playback = null;
                }
                finish(StateChange.of(CameraState.CLOSED, "closed"), null);
            }
            done.complete(null);
        });
        if (!loop.inEventLoop()) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("close did not finish in time", e);
            }
        }
    }

    static CameraException asCameraException(Throwable t) {
        Throwable c = Errors.unwrap(t);
        return c instanceof CameraException e ? e : new CameraException(Kind.IO, String.valueOf(c.getMessage()), c);
    }

    @Override
    public String toString() {
        return "CameraSession{" + options.url() + ", " + state + '}';
    }

    /** Counters over finished playbacks; the live one is added in at snapshot time. */
    private static final class Totals {
        final TrackCounts tracks = new TrackCounts();
        long videoFrames;
        long audioFrames;
        long eventsDropped;
        long alarms;
        long reconnects;

        void add(Playback p) {
            tracks.add(p);
        }

        CameraStatistics snapshot(Playback live) {
            TrackCounts l = new TrackCounts();
            if (live != null) {
                l.add(live);
            }
            return new CameraStatistics(tracks.packets + l.packets, tracks.lost + l.lost, tracks.reordered + l.reordered,
                    tracks.late + l.late, tracks.bytes + l.bytes, videoFrames, audioFrames, tracks.dropped + l.dropped,
                    eventsDropped, alarms, reconnects);
        }
    }

    /** The tracks' own counters, summed over playbacks. */
    private static final class TrackCounts {
        long packets;
        long lost;
        long reordered;
        long late;
        long bytes;
        long dropped;

        void add(Playback p) {
            for (MediaTrack t : p.tracks()) {
                packets += t.packetsReceived();
                lost += t.packetsLost();
                reordered += t.packetsReordered();
                late += t.packetsLate();
                bytes += t.bytesReceived();
                dropped += t.framesDropped();
            }
        }
    }
}
