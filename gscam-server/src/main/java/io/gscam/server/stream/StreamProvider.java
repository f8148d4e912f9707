package io.gscam.server.stream;

import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the server's streams come from: the one decision the RTSP engine hands away, as gortsplib's
 * server hands {@code OnDescribe}/{@code OnSetup} to its handler. The engine checks methods, state,
 * transports and credentials; a provider only says what a request URL names: the camera emulator
 * answers with its test pattern or file channels, an NVR with a relayed camera or a recording.
 *
 * <p>Requests name a stream by its {@link StreamPath}: the Grandstream form is
 * {@code rtsp://host:port/<channel>} (DESIGN.md, the spec's URL), the channel 0..7 that MCTP
 * heartbeats name as well ({@link #byChannel}); other providers take any path
 * ({@code rtsp://nvr:8554/front}).
 */
@FunctionalInterface
public interface StreamProvider {
    /**
     * A hold on the stream {@code path} names, starting it if need be; empty when there is no such
     * stream (the server answers 404).
     *
     * <p>Runs on the server's blocking executor, never on an event loop, because opening a stream may
     * read a file or start a process. The caller closes what it gets exactly once: the server holds it
     * for one DESCRIBE, or for a session's life from its first SETUP.
     *
     * @throws StreamUnavailableException when the stream exists but cannot be served now (503)
     * @throws IOException when the stream exists but cannot start (the server answers 500)
     */
    Optional<ServedStream> open(StreamPath path) throws IOException;

    /** A provider of Grandstream channels only, as a device is. */
    @FunctionalInterface
    interface ChannelStreams {
        /** As {@link StreamProvider#open}, for a channel 0..7. */
        Optional<ServedStream> open(GrandstreamChannel channel) throws IOException;
    }

    /** Serves {@code /0} .. {@code /7} from {@code channels}; every other path is not found (404). */
    static StreamProvider byChannel(ChannelStreams channels) {
        return path -> {
            Optional<GrandstreamChannel> channel = path.channel();
            return channel.isEmpty() ? Optional.empty() : channels.open(channel.get());
        };
    }
}
