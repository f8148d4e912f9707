package io.gscam.cli.client;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --timeout SECONDS}, the connect and answer timeout of the commands that stay connected
 * ({@code record}, {@code events}). A picocli mixin.
 */
public final class TimeoutOption {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect and answer timeout (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    /** The timeout; a usage error when it is not a positive number of seconds. */
    public Duration timeout() {
        return Durations.seconds(timeoutSeconds, "--timeout");
    }
}
