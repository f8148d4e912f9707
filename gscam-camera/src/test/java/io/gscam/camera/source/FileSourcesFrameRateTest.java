package io.gscam.camera.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSourcesFrameRateTest {
    @Test
    void frameRate_nearWhole_isWhole() {
        assertThat(FileSources.frameRate(25.0)).isEqualTo(FrameRate.of(25));
        assertThat(FileSources.frameRate(24.996)).isEqualTo(FrameRate.of(25));
    }

    @Test
    void frameRate_ntsc_isThousandOver1001() {
        assertThat(FileSources.frameRate(30000.0 / 1001)).isEqualTo(new FrameRate(30000, 1001));
        assertThat(FileSources.frameRate(24000.0 / 1001)).isEqualTo(new FrameRate(24000, 1001));
    }

    @Test
    void frameRate_otherwise_inThousandths() {
        assertThat(FileSources.frameRate(12.5)).isEqualTo(new FrameRate(12500, 1000));
        assertThat(FileSources.frameRate(0.5)).isEqualTo(new FrameRate(500, 1000));
    }

    @Test
    void frameRate_notPositive_isRejected() {
        assertThatThrownBy(() -> FileSources.frameRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileSources.frameRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
