package io.gscam.camera.stream;

import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726Rate;
import io.gscam.camera.source.TimedSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveAudioSourceTest {
    /** A loop whose length (1000 samples) is not a multiple of the packet, so packets straddle the seam. */
    private static short[] ramp() {
        short[] pcm = new short[1000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * 440 * i / 8000.0) + (i % 7) * 50);
        }
        return pcm;
    }

    @ParameterizedTest
    @EnumSource(G726Rate.class)
    void next_g726_encodesAcrossTheLoopSeamWithOneContinuousEncoder(G726Rate rate) {
        short[] loop = ramp();
        LiveAudioSource source = new LiveAudioSource(AudioCodec.g726(rate, G726Packing.RFC3551_LE), loop);
        int packets = 30; // 4800 samples: the loop of 1000 wraps four times mid-packet
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < packets; i++) {
            sent.writeBytes(source.next().sample().data());
        }
        short[] continuous = new short[packets * LiveAudioSource.PACKET_SAMPLES];
        for (int i = 0; i < continuous.length; i++) {
            continuous[i] = loop[i % loop.length];
        }
        byte[] expected = new G726Encoder(rate, G726Packing.RFC3551_LE).encode(continuous);
        assertThat(sent.toByteArray()).isEqualTo(expected);
    }

    @Test
    void next_countsTimestampsAndTimesIn20msPackets() {
        LiveAudioSource source = new LiveAudioSource(AudioCodec.g711(G711Law.MU_LAW), ramp());
        for (int n = 0; n < 120; n++) {
            TimedSample s = source.next();
            assertThat(s.track()).isZero();
            assertThat(s.sample().rtpTimestamp()).isEqualTo(160L * n);
            assertThat(s.presentationTime()).isEqualTo(Duration.ofMillis(20L * n));
            assertThat(s.sample().data()).hasSize(160);
            assertThat(s.sample().keyframe()).isTrue();
        }
    }

    @Test
    void next_pcma_isTheALawOfTheLoop() {
        short[] loop = ramp();
        LiveAudioSource source = new LiveAudioSource(AudioCodec.g711(G711Law.A_LAW), loop);
        short[] first = java.util.Arrays.copyOf(loop, 160);
        assertThat(source.next().sample().data()).isEqualTo(G711Law.A_LAW.encode(first));
    }

    @Test
    void next_afterClose_isNull() {
        LiveAudioSource source = new LiveAudioSource(AudioCodec.g711(G711Law.MU_LAW), ramp());
        source.close();
        assertThat(source.next()).isNull();
    }

    @Test
    void constructor_emptyLoop_isRefused() {
        assertThatThrownBy(() -> new LiveAudioSource(AudioCodec.g711(G711Law.MU_LAW), new short[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
