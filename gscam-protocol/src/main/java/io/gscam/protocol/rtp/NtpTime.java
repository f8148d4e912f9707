package io.gscam.protocol.rtp;

import java.time.Duration;
import java.time.Instant;

/**
 * NTP timestamps as RTCP uses them (RFC 3550 section 4): 64 bits, seconds since 1900 in the upper
 * half and a binary fraction in the lower. Converting back assumes RFC 4330's rule for the 2036
 * rollover: a timestamp whose most significant bit is clear lies in era 1 (after 2036-02-07).
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of an instant. */
    public static long fromInstant(Instant instant) {
        long seconds = instant.getEpochSecond() + EPOCH_OFFSET_SECONDS;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The instant of a 64-bit NTP timestamp, to the nanosecond (rounded down). */
    public static Instant toInstant(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += 1L << 32;
        }
        long nanos = ((ntp & 0xFFFF_FFFFL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds - EPOCH_OFFSET_SECONDS, nanos);
    }

    /** The middle 32 bits of a timestamp: the LSR field of a report block. */
    public static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /** A delay in 1/65536 s, as the DLSR field carries it; clamped to 32 bits, negative as 0. */
    public static long compactDuration(Duration delay) {
        if (delay.isNegative()) {
            return 0;
        }
        long seconds = delay.getSeconds();
        if (seconds >= 0x10000L) {
            return 0xFFFF_FFFFL;
        }
        return (seconds << 16) | (((long) delay.getNano() << 16) / 1_000_000_000L);
    }
}
