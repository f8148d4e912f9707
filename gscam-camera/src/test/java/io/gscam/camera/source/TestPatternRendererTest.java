package io.gscam.camera.source;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPatternRendererTest {
    private static final Instant T = Instant.parse("2024-05-01T12:00:00.000Z");

    @Test
    void renderJpeg_decodesToThePictureSize() throws IOException {
        try (TestPatternRenderer r = new TestPatternRenderer(3, 704, 480, FrameRate.of(30))) {
            byte[] jpeg = r.renderJpeg(0, T);

            BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(back).isNotNull();
            assertThat(back.getWidth()).isEqualTo(704);
            assertThat(back.getHeight()).isEqualTo(480);
        }
    }

    @Test
    void renderJpeg_isBaselineWith420Subsampling() {
        try (TestPatternRenderer r = new TestPatternRenderer(0, 352, 240, FrameRate.of(15))) {
            byte[] jpeg = r.renderJpeg(5, T);

            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            int sof = indexOfMarker(jpeg, 0xC0);
            assertThat(sof).as("SOF0 (baseline) present").isPositive();
            assertThat(indexOfMarker(jpeg, 0xC2)).as("no progressive SOF2").isNegative();
            // SOF0: FFC0 len(2) precision(1) height(2) width(2) ncomp(1) then id,HV,Tq per component
            assertThat(((jpeg[sof + 5] & 0xFF) << 8) | (jpeg[sof + 6] & 0xFF)).isEqualTo(240);
            assertThat(((jpeg[sof + 7] & 0xFF) << 8) | (jpeg[sof + 8] & 0xFF)).isEqualTo(352);
            assertThat(jpeg[sof + 9]).isEqualTo((byte) 3);
            assertThat(jpeg[sof + 11] & 0xFF).as("Y sampling").isEqualTo(0x22);
            assertThat(jpeg[sof + 14] & 0xFF).as("Cb sampling").isEqualTo(0x11);
            assertThat(jpeg[sof + 17] & 0xFF).as("Cr sampling").isEqualTo(0x11);
        }
    }

    @Test
    void renderJpeg_differentClockOrFrame_givesDifferentPictures() {
        try (TestPatternRenderer r = new TestPatternRenderer(1, 176, 144, FrameRate.of(30))) {
            byte[] a = r.renderJpeg(0, T);
            byte[] sameAgain = r.renderJpeg(0, T);
            byte[] laterClock = r.renderJpeg(0, T.plusSeconds(1));
            byte[] laterFrame = r.renderJpeg(7, T);

            assertThat(sameAgain).isEqualTo(a);
            assertThat(laterClock).isNotEqualTo(a);
            assertThat(laterFrame).isNotEqualTo(a);
        }
    }

    @Test
    void renderJpeg_higherQuality_givesLargerFiles() {
        try (TestPatternRenderer low = new TestPatternRenderer(1, 352, 240, FrameRate.of(15), 0.3f);
             TestPatternRenderer high = new TestPatternRenderer(1, 352, 240, FrameRate.of(15), 0.95f)) {
            assertThat(high.renderJpeg(0, T).length).isGreaterThan(low.renderJpeg(0, T).length);
        }
    }

    @Test
    void renderBgr24_isThreeBytesPerPixel() {
        try (TestPatternRenderer r = new TestPatternRenderer(2, 176, 144, FrameRate.of(30))) {
            assertThat(r.renderBgr24(0, T)).hasSize(176 * 144 * 3);
        }
    }

    @Test
    void constructor_sizeNotWholeMacroblocks_isRejected() {
        assertThatThrownBy(() -> new TestPatternRenderer(0, 700, 480, FrameRate.of(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }
}
