package io.gscam.cli.client;

import io.gscam.client.CameraOptions;
import io.gscam.client.Heartbeat;
import io.gscam.client.Transport;
import io.gscam.media.g726.G726Packing;
import picocli.CommandLine.Option;

/**
 * How the client plays a camera's media, as {@code probe} and {@code record} both take it:
 * {@code --transport}, {@code --g726-packing} and {@code --no-heartbeat}. A picocli mixin; {@link #applyTo} puts the
 * choices into the session's options.
 */
public final class ClientOptions {
    @Option(names = "--transport", paramLabel = "tcp|udp|auto", defaultValue = "tcp", converter = TransportConverter.class,
            description = "RTP transport (default: ${DEFAULT-VALUE}).")
    Transport transport;

    @Option(names = "--g726-packing", paramLabel = "rfc3551|aal2", converter = G726PackingConverter.class,
            description = G726PackingConverter.DESCRIPTION)
    G726Packing g726Packing;

    @Option(names = "--no-heartbeat", description = "Do not register the Grandstream MCTP heartbeat (opened by default when the Server header says GrandStream).")
    boolean noHeartbeat;

    /** {@code builder} with these options set; the G.726 packing only when given, so the SDP's label holds otherwise. */
    public CameraOptions.Builder applyTo(CameraOptions.Builder builder) {
        builder.transport(transport).heartbeat(noHeartbeat ? Heartbeat.OFF : Heartbeat.AUTO);
        if (g726Packing != null) {
            builder.g726Packing(g726Packing);
        }
        return builder;
    }
}
