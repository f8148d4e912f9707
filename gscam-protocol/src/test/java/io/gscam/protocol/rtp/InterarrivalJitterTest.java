package io.gscam.protocol.rtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InterarrivalJitterTest {

    @Test
    void update_perfectlyPacedStream_hasNoJitter() {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int i = 0; i < 100; i++) {
            j.update(3000L * i, 1_000_000 + 3000L * i);
        }
        assertThat(j.jitter()).isZero();
    }

    @Test
    void update_onePacketLate_followsA8IntegerArithmetic() {
        InterarrivalJitter j = new InterarrivalJitter();
        j.update(0, 0);
        j.update(3000, 3160);  // 160 units late: D = 160, J = 160/16
        assertThat(j.jitter()).isEqualTo(10);
        j.update(6000, 6000);  // back on time: D = 160 again, J += (160 - J)/16
        assertThat(j.jitter()).isEqualTo(19);
    }

    @Test
    void update_timestampWrapsPast32Bits_staysZeroForPacedStream() {
        InterarrivalJitter j = new InterarrivalJitter();
        long ts = 0xFFFFFFFFL - 4000;
        for (int i = 0; i < 5; i++) {
            j.update((ts + 3000L * i) & 0xFFFFFFFFL, 77_000 + 3000L * i);
        }
        assertThat(j.jitter()).isZero();
    }

    @Test
    void reset_forgetsTheEstimate() {
        InterarrivalJitter j = new InterarrivalJitter();
        j.update(0, 0);
        j.update(3000, 5000);
        assertThat(j.jitter()).isPositive();
        j.reset();
        j.update(9000, 1);
        assertThat(j.jitter()).isZero();
    }

    @Test
    void toClockUnits_convertsWithoutOverflowForLargeClockReadings() {
        assertThat(InterarrivalJitter.toClockUnits(1_000_000_000L, 90000)).isEqualTo(90000);
        assertThat(InterarrivalJitter.toClockUnits(20_000_000L, 8000)).isEqualTo(160);
        assertThat(InterarrivalJitter.toClockUnits(Long.MAX_VALUE, 90000))
                .isEqualTo(Long.MAX_VALUE / 1_000_000_000L * 90000 + (Long.MAX_VALUE % 1_000_000_000L) * 90000 / 1_000_000_000L);
    }

    @Test
    void ntpTime_roundTripsAndCompacts() {
        Instant t = Instant.parse("2024-05-01T12:00:00.500Z");
        long ntp = NtpTime.fromInstant(t);
        assertThat(ntp >>> 32).isEqualTo(t.getEpochSecond() + NtpTime.EPOCH_OFFSET_SECONDS);
        assertThat(ntp & 0xFFFFFFFFL).isEqualTo(0x80000000L);
        assertThat(NtpTime.toInstant(ntp)).isEqualTo(t);
        assertThat(NtpTime.compact(0xE8F0C2A180000000L)).isEqualTo(0xC2A18000L);
        assertThat(NtpTime.compactDuration(Duration.ofMillis(1500))).isEqualTo(0x18000L);
        assertThat(NtpTime.compactDuration(Duration.ofDays(2))).isEqualTo(0xFFFFFFFFL);
        assertThat(NtpTime.compactDuration(Duration.ofSeconds(-1))).isZero();
        Instant after2036 = Instant.parse("2040-01-01T00:00:00Z");
        assertThat(NtpTime.toInstant(NtpTime.fromInstant(after2036))).isEqualTo(after2036);
    }
}
