package io.gscam.nvr;

import io.gscam.client.ReconnectPolicy;
import io.gscam.nvr.storage.DirectWrites;
import io.gscam.nvr.storage.DiskSpace;
import io.gscam.protocol.Checks;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * How an {@link Nvr} runs, beyond its configuration file: knobs for embedding and tests, not for
 * users (the file's keys are a contract; these are not in it).
 *
 * @param clock           stamps alarms, gaps and retention ages
 * @param segmentDuration a new segment starts at the first keyframe this long after the current one began (60 s)
 * @param bindAddress     where HTTP listens (all addresses by default; the demo binds 127.0.0.1)
 * @param disk            free space on the data disk, null for the real file store
 * @param reconnect       how each camera session reconnects (forever, 1 s doubling to 2 s: a camera that
 *                        answers again is PLAYING within 3 s, however long it was away)
 * @param housekeeping    how often retention runs and rates are sampled
 * @param directWrites    which segments are written with O_DIRECT ({@link DirectWrites}; the system
 *                        property {@value DirectWrites#PROPERTY} by default, else auto)
 */
public record NvrOptions(Clock clock, Duration segmentDuration, InetAddress bindAddress, DiskSpace disk,
                         ReconnectPolicy reconnect, Duration housekeeping, DirectWrites.Mode directWrites) {
    public NvrOptions {
        Checks.nonNull("clock", clock, "segmentDuration", segmentDuration, "bindAddress", bindAddress,
                "reconnect", reconnect, "housekeeping", housekeeping, "directWrites", directWrites);
    }

    public static NvrOptions defaults() {
        try {
            return new NvrOptions(Clock.systemUTC(), Duration.ofSeconds(60), InetAddress.getByName("0.0.0.0"), null,
                    ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)).withRetryFirstConnect(true),
                    Duration.ofSeconds(2), DirectWrites.Mode.fromSystemProperty());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public NvrOptions withSegmentDuration(Duration d) {
        return new NvrOptions(clock, d, bindAddress, disk, reconnect, housekeeping, directWrites);
    }

    public NvrOptions withBindAddress(InetAddress a) {
        return new NvrOptions(clock, segmentDuration, a, disk, reconnect, housekeeping, directWrites);
    }

    public NvrOptions withDisk(DiskSpace d) {
        return new NvrOptions(clock, segmentDuration, bindAddress, d, reconnect, housekeeping, directWrites);
    }

    public NvrOptions withReconnect(ReconnectPolicy r) {
        return new NvrOptions(clock, segmentDuration, bindAddress, disk, r, housekeeping, directWrites);
    }

    public NvrOptions withDirectWrites(DirectWrites.Mode m) {
        return new NvrOptions(clock, segmentDuration, bindAddress, disk, reconnect, housekeeping, m);
    }
}
