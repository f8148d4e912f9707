package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeepAudioTest {
    /** Stand-in codec for the test: the high byte of each sample, one byte per sample as G.711. */
    private static final AudioEncoder HIGH_BYTE = pcm -> {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = (byte) (pcm[i] >> 8);
        }
        return out;
    };

    @Test
    void clip_isOneSecondOfFiftyPacketsOf160Bytes() {
        Clip clip = BeepAudio.clip(BeepAudio.pcmuFormat(), HIGH_BYTE, 64);

        assertThat(clip.size()).isEqualTo(50);
        assertThat(clip.durationTicks()).isEqualTo(8000);
        assertThat(clip.samples()).allSatisfy(s -> assertThat(s.data()).hasSize(160));
        assertThat(clip.track().payloadType()).isZero();
        assertThat(clip.track().encodingName()).isEqualTo("PCMU");
        assertThat(clip.track().clockRate()).isEqualTo(8000);
        assertThat(clip.track().kind()).isEqualTo(MediaKind.AUDIO);
    }

    @Test
    void signal_isA1kHzBeepForTheFirst100msOfEachSecond() {
        // 8 samples per 1 kHz period: a quarter period in is the peak.
        assertThat(BeepAudio.sample(2)).isEqualTo((short) BeepAudio.AMPLITUDE);
        assertThat(BeepAudio.sample(6)).isEqualTo((short) -BeepAudio.AMPLITUDE);
        assertThat(BeepAudio.sample(8002)).isEqualTo((short) BeepAudio.AMPLITUDE);
        for (int p = 0; p < 50; p++) {
            long energy = 0;
            for (short s : BeepAudio.packet(p)) {
                energy += (long) s * s;
            }
            if (p < 5) {
                assertThat(energy).as("packet %d", p).isGreaterThan(0);
            } else {
                assertThat(energy).as("packet %d", p).isZero();
            }
        }
    }

    @Test
    void source_loopsWithTimestampsStepping160AndPacketsEvery20ms() {
        LoopingSource source = BeepAudio.source(BeepAudio.pcmaFormat(), HIGH_BYTE, 64);
        List<TimedSample> samples = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            samples.add(source.next());
        }

        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).sample().rtpTimestamp()).isEqualTo(160L * i);
            assertThat(samples.get(i).presentationTime()).isEqualTo(Duration.ofMillis(20L * i));
        }
        assertThat(samples.get(50).sample().data()).isEqualTo(samples.get(0).sample().data());
        assertThat(source.tracks().get(0).payloadType()).isEqualTo(8);
    }

    @Test
    void clip_notAn8kHzAudioFormat_isRejected() {
        assertThatThrownBy(() -> BeepAudio.clip(ClipTest.VIDEO.format(), HIGH_BYTE, 64))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
