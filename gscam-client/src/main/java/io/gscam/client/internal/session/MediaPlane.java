package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.client.internal.udp.TrackUdpPorts;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.rtsp.InterleavedFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The media side of a playback, shared by {@link RtspPlayback} and {@link SdpPlayback}: the tracks,
 * the routing of RTP and RTCP to them (interleaved channels or UDP port pairs), RTCP receiver
 * reports back (as {@code $} frames, or to each track's RTCP destination), loss events, and the
 * {@link MediaWatchdog}, all on one tick. It does no signalling and opens no socket: the playback
 * binds the ports and hands them over. Loop-confined.
 */
final class MediaPlane {
    private static final Logger log = LoggerFactory.getLogger(MediaPlane.class);
    static final Duration TICK = Duration.ofMillis(200);
    /** UDP reordering: how many packets and how long a gap is waited for. */
    static final int REORDER_CAPACITY = 64;
    static final Duration REORDER_DELAY = Duration.ofMillis(150);

    private enum State { RECEIVING, PLAYING, CLOSED }

    private final Playback.Owner owner;
    private final LongSupplier nanos;
    private final MediaWatchdog watchdog;
    private final Consumer<CameraException> lost;

    private State state = State.RECEIVING;
    private final List<MediaTrack> tracks = new ArrayList<>();
    private final Map<Integer, MediaTrack> rtpChannels = new HashMap<>();
    private final Map<Integer, MediaTrack> rtcpChannels = new HashMap<>();
    private final Map<MediaTrack, Consumer<byte[]>> interleavedRtcp = new HashMap<>();
    private final Map<MediaTrack, TrackUdpPorts> udpPorts = new HashMap<>();
    private final Map<MediaTrack, InetSocketAddress> rtcpDestinations = new HashMap<>();
    private long playingSinceNanos;
    private PeriodicReports reports;
    private ScheduledFuture<?> ticker;

    /**
     * @param nanos a monotonic clock
     * @param lost  called once when the watchdog gives up (on the tick)
     */
    MediaPlane(Playback.Owner owner, LongSupplier nanos, MediaWatchdog watchdog, Consumer<CameraException> lost) {
        this.owner = owner;
        this.nanos = nanos;
        this.watchdog = watchdog;
        this.lost = lost;
    }

    List<MediaTrack> tracks() {
        return tracks;
    }

    /** A track on interleaved {@code channels}; its receiver reports go out through {@code writer} as {@code $} frames. */
    void addInterleaved(MediaTrack track, ChannelPair channels, Consumer<byte[]> writer) {
        rtpChannels.put(channels.rtp(), track);
        rtcpChannels.put(channels.rtcp(), track);
        interleavedRtcp.put(track, bytes -> writer.accept(new InterleavedFrame(channels.rtcp(), bytes).toBytes()));
        tracks.add(track);
    }

    /** A track on a UDP port pair, which this plane now closes. */
    void addUdp(MediaTrack track, TrackUdpPorts ports) {
        udpPorts.put(track, ports);
        tracks.add(track);
    }

    /** Where the track's receiver reports go over UDP (none until known). */
    void rtcpDestination(MediaTrack track, InetSocketAddress to) {
        rtcpDestinations.put(track, to);
    }

    /** The RTP ports, in track order, for messages. */
    List<Integer> rtpPorts() {
        return tracks.stream().map(udpPorts::get).filter(p -> p != null).map(TrackUdpPorts::rtpPort).toList();
    }

    void onInterleaved(InterleavedFrame frame) {
        byte[] payload = frame.payload();
        onInterleaved(frame.channel(), payload, 0, payload.length);
    }

    /** A {@code $} frame's payload, valid only during the call (the decoder reuses the array). */
    void onInterleaved(int channel, byte[] data, int offset, int length) {
        MediaTrack rtp = rtpChannels.get(channel);
        if (rtp != null) {
            if (state != State.CLOSED) {
                rtp.onRtp(data, offset, length, nanos.getAsLong());
            }
            return;
        }
        MediaTrack rtcp = rtcpChannels.get(channel);
        if (rtcp != null) {
            onRtcp(rtcp, Arrays.copyOfRange(data, offset, offset + length));
        }
    }

    void onRtp(MediaTrack track, byte[] data) {
        if (state != State.CLOSED) {
            track.onRtp(data, 0, data.length, nanos.getAsLong());
        }
    }

    void onRtcp(MediaTrack track, byte[] data) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            track.rtcp().onRtcp(data, 0, data.length, nanos.getAsLong());
        } catch (ParseException e) {
            log.debug("track {}: unreadable RTCP: {}", track.info().index(), e.getMessage());
        }
    }

    /** Media may flow from now: the watchdog and the reports count from here. */
    void playing(long nowNanos) {
        state = State.PLAYING;
        playingSinceNanos = nowNanos;
        reports = new PeriodicReports(nowNanos, this::sendReceiverReports);
    }

    /**
     * {@link #playing} now, with the tick every {@link #TICK} on {@code loop}. Every session's tick
     * falls on the same instants, the multiples of {@link #TICK} on the nano clock ({@link #firstTickDelay}),
     * so a loop carrying many sessions wakes once a tick for all of them rather than once for each
     * (64 sessions ticking at their own phases woke an otherwise idle loop 320 times a second).
     */
    void startTicking(ScheduledExecutorService loop) {
        long now = nanos.getAsLong();
        playing(now);
        long tick = TICK.toNanos();
        ticker = loop.scheduleAtFixedRate(() -> tick(nanos.getAsLong()), firstTickDelay(now, tick), tick,
                TimeUnit.NANOSECONDS);
    }

    /** Nanoseconds from {@code now} to the next multiple of {@code period} (a whole period when on one). */
    static long firstTickDelay(long now, long period) {
        return period - Math.floorMod(now, period);
    }

    /** Reorder-buffer deadlines, the watchdog, then receiver reports and loss events. */
    void tick(long now) {
        if (state != State.PLAYING) {
            return;
        }
        long newest = 0;
        for (MediaTrack t : tracks) {
            t.tick(now);
            newest = Math.max(newest, t.lastPacketNanos());
        }
        if (!tracks.isEmpty()) {
            Optional<CameraException> silence = watchdog.check(now, playingSinceNanos, newest);
            if (silence.isPresent()) {
                lost.accept(silence.get());
                return;
            }
        }
        reports.tick(now, tracks, owner);
    }

    private void sendReceiverReports(long now) {
        for (MediaTrack t : tracks) {
            Optional<byte[]> report = t.rtcp().report(now);
            if (report.isEmpty()) {
                continue;
            }
            Consumer<byte[]> interleaved = interleavedRtcp.get(t);
            if (interleaved != null) {
                interleaved.accept(report.get());
                continue;
            }
            InetSocketAddress to = rtcpDestinations.get(t);
            TrackUdpPorts ports = udpPorts.get(t);
            if (to != null && ports != null) {
                ports.sendRtcp(report.get(), to);
            }
        }
    }

    /** Stops the tick and closes the UDP ports. */
    void close() {
        state = State.CLOSED;
        if (ticker != null) {
            ticker.cancel(false);
        }
        udpPorts.values().forEach(TrackUdpPorts::close);
    }
}
