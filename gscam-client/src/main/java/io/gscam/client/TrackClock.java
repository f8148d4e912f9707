package io.gscam.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One track's RTP clock against the camera's wall clock, from the camera's latest RTCP sender
 * report: an SR's NTP timestamp and RTP timestamp name the same instant (RFC 3550 6.4.1), so the
 * wall-clock time of any RTP timestamp of the track, the instant the camera sampled that frame,
 * follows by counting ticks from it ({@link #ntpTimeOf}). This is what lip sync and
 * capture-to-display latency are measured against; the NTP time is the camera's clock, as good as
 * the camera's own time keeping.
 *
 * @param rtpTimestamp the SR's RTP timestamp, 32-bit unsigned
 * @param ntpTime      the SR's NTP timestamp, as an instant
 * @param clockRate    the track's RTP clock rate in Hz
 */
public record TrackClock(long rtpTimestamp, Instant ntpTime, int clockRate) {
    public TrackClock {
        Objects.requireNonNull(ntpTime, "ntpTime");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
    }

    /**
     * The camera's wall-clock time of {@code rtp} (32-bit unsigned), taken the nearer way round
     * the 32-bit wrap: within about 6 hours of the report at 90 kHz, 74 hours at 8 kHz.
     */
    public Instant ntpTimeOf(long rtp) {
        long ticks = (int) (rtp - rtpTimestamp);
        return ntpTime.plusNanos(Math.floorDiv(ticks * 1_000_000_000L, clockRate));
    }
}
