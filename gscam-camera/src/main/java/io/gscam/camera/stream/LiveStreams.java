package io.gscam.camera.stream;

import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.camera.source.MediaSource;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.server.stream.PacketStream;
import io.gscam.server.stream.ServedStream;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The camera's {@link LiveStream}s, one per channel, started on demand. A channel's stream starts on
 * the first {@link #acquire} (a DESCRIBE or a SETUP) and stops {@code linger} after the last lease is
 * released: a DESCRIBE, SETUP, PLAY sequence reuses one running stream, and an idle camera encodes
 * nothing. Thread safe.
 */
public final class LiveStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /**
     * A hold on a running stream, and the stream as the RTSP server serves it; release it by
     * {@link #close()} (again is harmless).
     */
    public final class Lease implements ServedStream {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public LiveStream stream() {
            return entry.stream;
        }

        @Override
        public List<MediaDescription> mediaSections() {
            return ChannelSdp.mediaSections(entry.stream);
        }

        @Override
        public String serverHeader() {
            return ChannelSdp.serverHeader(entry.stream);
        }

        @Override
        public List<LiveStream.Track> tracks() {
            return entry.stream.tracks();
        }

        @Override
        public PacketStream packets() {
            return entry.stream.packets();
        }

        @Override
        public void close() {
            synchronized (LiveStreams.this) {
                if (released) {
                    return;
                }
                released = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final LiveStream stream;
        int leases;
        ScheduledFuture<?> stopTimer;

        Entry(LiveStream stream) {
            this.stream = stream;
        }
    }

    private final ChannelSourceFactory sources;
    private final BiFunction<Integer, io.gscam.media.rtp.MediaFormat, RtpPayloadWriter> writers;
    private final ByteBufAllocator alloc;
    private final ScheduledExecutorService executor;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final Duration linger;
    private final Map<Integer, Entry> running = new HashMap<>();
    private boolean closed;

    /**
     * @param writers   the payload writer for a track's format on a channel
     * @param executor  runs the pacers and publishes packets; not an event loop
     * @param linger    how long a stream without leases keeps running
     */
    public LiveStreams(ChannelSourceFactory sources,
                       BiFunction<Integer, io.gscam.media.rtp.MediaFormat, RtpPayloadWriter> writers,
                       ByteBufAllocator alloc, ScheduledExecutorService executor, LongSupplier nanoClock,
                       RandomGenerator random, Duration linger) {
        this.sources = sources;
        this.writers = writers;
        this.alloc = alloc;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.random = random;
        this.linger = linger;
    }

    /** A lease on the channel's stream, starting it when it is not running. */
    public synchronized Lease acquire(int channel) throws IOException {
        if (closed) {
            throw new IllegalStateException("streams closed");
        }
        Entry e = running.get(channel);
        if (e == null) {
            MediaSource source = sources.open(channel);
            LiveStream stream = new LiveStream(channel, source,
                    i -> writers.apply(channel, source.tracks().get(i).format()),
                    alloc, executor, nanoClock, random);
            e = new Entry(stream);
            running.put(channel, e);
            stream.start();
            log.info("channel {}: stream started", channel);
        }
        if (e.stopTimer != null) {
            e.stopTimer.cancel(false);
            e.stopTimer = null;
        }
        e.leases++;
        return new Lease(e);
    }

    private void release(Entry e) {
        e.leases--;
        if (e.leases == 0 && !closed) {
            e.stopTimer = executor.schedule(() -> stopIfIdle(e), linger.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void stopIfIdle(Entry e) {
        if (e.leases == 0 && running.get(e.stream.channel()) == e) {
            running.remove(e.stream.channel());
            e.stream.close();
            log.info("channel {}: stream stopped, no readers", e.stream.channel());
        }
    }

    /** The running streams (for counters). */
    public synchronized List<LiveStream> running() {
        return running.values().stream().map(en -> en.stream).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Entry e : running.values()) {
            if (e.stopTimer != null) {
                e.stopTimer.cancel(false);
            }
            e.stream.close();
        }
        running.clear();
    }
}
