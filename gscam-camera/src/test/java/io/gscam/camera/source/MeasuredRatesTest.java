package io.gscam.camera.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasuredRatesTest {
    @Test
    void frameRate_nearWhole_isWhole() {
        assertThat(MeasuredRates.frameRate(25.0)).isEqualTo(FrameRate.of(25));
        assertThat(MeasuredRates.frameRate(24.996)).isEqualTo(FrameRate.of(25));
    }

    @Test
    void frameRate_ntsc_isThousandOver1001() {
        assertThat(MeasuredRates.frameRate(30000.0 / 1001)).isEqualTo(new FrameRate(30000, 1001));
        assertThat(MeasuredRates.frameRate(24000.0 / 1001)).isEqualTo(new FrameRate(24000, 1001));
    }

    @Test
    void frameRate_otherwise_inThousandths() {
        assertThat(MeasuredRates.frameRate(12.5)).isEqualTo(new FrameRate(12500, 1000));
        assertThat(MeasuredRates.frameRate(0.5)).isEqualTo(new FrameRate(500, 1000));
    }

    @Test
    void frameRate_notPositive_isRejected() {
        assertThatThrownBy(() -> MeasuredRates.frameRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeasuredRates.frameRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kbps_isTheAverageRoundedButAtLeastOne_andZeroForNoLength() {
        assertThat(MeasuredRates.kbps(125_000, 1.0)).isEqualTo(1000);
        assertThat(MeasuredRates.kbps(1, 10.0)).isEqualTo(1);
        assertThat(MeasuredRates.kbps(1000, 0)).isZero();
    }
}
