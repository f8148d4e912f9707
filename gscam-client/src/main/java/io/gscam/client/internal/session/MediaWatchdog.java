package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.internal.Errors;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loses a playing session whose media went silent: no packet on any track for {@code limit} since
 * the last one, or for {@code firstPacketLimit} since PLAY when none ever came (a UDP session that
 * may still fall back to TCP gives up sooner). Pure: the caller gives it the times.
 */
final class MediaWatchdog {
    private final Duration limit;
    private final Duration firstPacketLimit;
    private final Supplier<String> neverArrivedWhere;

    /**
     * @param neverArrivedWhere where the packets were awaited, for the message when none ever came
     *                          (e.g. {@code " over UDP"})
     */
    MediaWatchdog(Duration limit, Duration firstPacketLimit, Supplier<String> neverArrivedWhere) {
        this.limit = limit;
        this.firstPacketLimit = firstPacketLimit;
        this.neverArrivedWhere = neverArrivedWhere;
    }

    /**
     * @param newestPacketNanos monotonic time of the newest packet on any track, 0 when none came
     * @return the loss, when the silence has lasted too long
     */
    Optional<CameraException> check(long nowNanos, long playingSinceNanos, long newestPacketNanos) {
        boolean never = newestPacketNanos == 0;
        long silentSince = never ? playingSinceNanos : newestPacketNanos;
        Duration allowed = never ? firstPacketLimit : limit;
        if (nowNanos - silentSince < allowed.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(new CameraException(Kind.NO_MEDIA, "no media for " + Errors.seconds(allowed)
                + (never ? neverArrivedWhere.get() : "")));
    }
}
