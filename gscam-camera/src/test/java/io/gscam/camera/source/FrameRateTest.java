package io.gscam.camera.source;

import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FrameRateTest {
    @Test
    void framesIn_twoSecondsAt30_is60() {
        assertThat(FrameRate.of(30).framesIn(Duration.ofSeconds(2))).isEqualTo(60);
    }

    @Test
    void framesIn_justBeforeNextFrame_roundsDown() {
        assertThat(FrameRate.of(15).framesIn(Duration.ofMillis(1066))).isEqualTo(15);
        assertThat(FrameRate.of(15).framesIn(Duration.ofMillis(1067))).isEqualTo(16);
    }

    @Test
    void framesIn_ntscRateOverAnHour_exact() {
        // 3600 s * 30000/1001 = 107892.107...
        assertThat(new FrameRate(30000, 1001).framesIn(Duration.ofHours(1))).isEqualTo(107_892);
    }

    @Test
    void framesIn_negative_isZero() {
        assertThat(FrameRate.of(30).framesIn(Duration.ofSeconds(-5))).isZero();
    }

    static Stream<Arguments> indicesAndRates() {
        return Generators.arguments(1000, r -> new Object[] {Generators.between(r, 0L, 5_000_000L),
                Generators.between(r, 1, 120_000), Generators.between(r, 1, 1001)});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("indicesAndRates")
    void framesIn_inverseOfFrameTime(long index, int numerator, int denominator) {
        FrameRate rate = new FrameRate(numerator, denominator);
        // frameTime rounds down to whole nanoseconds, so step one nanosecond past it when it was inexact.
        Duration t = rate.frameTime(index);
        long n = rate.framesIn(t);
        assertThat(n).isBetween(index - 1, index);
        assertThat(rate.framesIn(t.plusNanos(1))).isEqualTo(index);
    }
}
