package io.gscam.server.stream;

import io.gscam.protocol.sdp.MediaDescription;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link ServedStream} that a provider hands out per DESCRIBE or session over one running
 * stream: the description is asked for when the server needs it (it may change while the stream
 * runs, as a relay learns the camera's parameter sets), and {@link #close()} runs the provider's
 * release once, however often it is called.
 */
public final class StreamHold implements ServedStream {
    private final Supplier<List<MediaDescription>> mediaSections;
    private final Supplier<String> serverHeader;
    private final List<? extends RtpTrackState> tracks;
    private final PacketStream packets;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StreamHold(Supplier<List<MediaDescription>> mediaSections, Supplier<String> serverHeader,
                      List<? extends RtpTrackState> tracks, PacketStream packets, Runnable release) {
        this.mediaSections = mediaSections;
        this.serverHeader = serverHeader;
        this.tracks = List.copyOf(tracks);
        this.packets = packets;
        this.release = release;
    }

    @Override
    public List<MediaDescription> mediaSections() {
        return mediaSections.get();
    }

    @Override
    public String serverHeader() {
        return serverHeader.get();
    }

    @Override
    public List<? extends RtpTrackState> tracks() {
        return tracks;
    }

    @Override
    public PacketStream packets() {
        return packets;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
