package io.gscam.camera.source;

import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BuiltInLoopsTest {
    private static final int SPS = 7;
    private static final int PPS = 8;
    private static final int IDR = 5;

    @Test
    void clip_primaryChannel_is300AccessUnitsOf30FpsAt704x480() {
        Clip clip = BuiltInLoops.clip(0);

        assertThat(clip.size()).isEqualTo(300);
        assertThat(clip.durationTicks()).isEqualTo(900_000);
        TrackInfo t = clip.track();
        assertThat(t.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(t.payloadType()).isEqualTo(96);
        assertThat(t.encodingName()).isEqualTo("H264");
        assertThat(t.clockRate()).isEqualTo(90_000);
        assertThat(List.of(t.width(), t.height(), t.frameRate().rounded(), t.bitrateKbps())).containsExactly(704, 480, 30, 1024);
        for (int i = 1; i < clip.size(); i++) {
            assertThat(clip.samples().get(i).ticks() - clip.samples().get(i - 1).ticks()).isEqualTo(3000);
        }
    }

    @Test
    void clip_secondaryChannel_is150AccessUnitsOf15FpsAt352x240() {
        Clip clip = BuiltInLoops.clip(4);

        assertThat(clip.size()).isEqualTo(150);
        assertThat(clip.durationTicks()).isEqualTo(900_000);
        TrackInfo t = clip.track();
        assertThat(List.of(t.width(), t.height(), t.frameRate().rounded(), t.bitrateKbps())).containsExactly(352, 240, 15, 256);
        assertThat(clip.samples().get(1).ticks()).isEqualTo(6000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void clip_everyChannel_hasTargetBitRateWithin15Percent(int channel) {
        Clip clip = BuiltInLoops.clip(channel);

        double seconds = (double) clip.durationTicks() / clip.track().clockRate();
        double kbps = clip.totalBytes() * 8 / seconds / 1000;
        int target = channel < 4 ? 1024 : 256;
        assertThat(kbps).isBetween(target * 0.85, target * 1.15);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void clip_hasIdrWithParameterSetsEverySecondAndOnlyThere(int channel) {
        Clip clip = BuiltInLoops.clip(channel);
        int gop = clip.track().frameRate().rounded();

        for (int i = 0; i < clip.size(); i++) {
            Clip.Sample s = clip.samples().get(i);
            List<Integer> types = NalUnits.types(s.data());
            boolean expectKey = i % gop == 0;
            assertThat(s.keyframe()).as("frame %d", i).isEqualTo(expectKey);
            if (expectKey) {
                assertThat(types.indexOf(SPS)).as("SPS first, frame %d: %s", i, types).isZero();
                assertThat(types.indexOf(PPS)).isEqualTo(1);
                assertThat(types).contains(IDR);
            } else {
                assertThat(types).containsOnly(1);
            }
        }
    }

    @Test
    void clip_fmtpCarriesTheLoopsOwnParameterSets() {
        Clip clip = BuiltInLoops.clip(0);
        byte[] first = clip.samples().get(0).data();
        String[] sprop = clip.track().format().fmtpParameter("sprop-parameter-sets").split(",");
        byte[] sps = Base64.getDecoder().decode(sprop[0]);
        byte[] pps = Base64.getDecoder().decode(sprop[1]);

        assertThat(HexFormat.of().formatHex(first)).startsWith("00000001" + HexFormat.of().formatHex(sps)
                + "00000001" + HexFormat.of().formatHex(pps));
        assertThat(sps[0] & 0x1F).isEqualTo(SPS);
        assertThat(clip.track().format().fmtpParameter("profile-level-id"))
                .isEqualTo(HexFormat.of().withUpperCase().formatHex(sps, 1, 4))
                .startsWith("42");
        assertThat(clip.track().format().fmtpParameter("packetization-mode")).isEqualTo("1");
    }

    @Test
    void source_threeLoops_timestampsContinueAndEveryLoopStartsWithSpsPpsIdr() {
        LoopingSource source = BuiltInLoops.source(0);
        int perLoop = source.clip().size();

        TimedSample previous = null;
        for (int i = 0; i < 3 * perLoop + 1; i++) {
            TimedSample s = source.next();
            assertThat(s.track()).isZero();
            assertThat(s.sample().rtpTimestamp()).isEqualTo(i * 3000L);
            assertThat(s.presentationTime()).isEqualTo(Duration.ofNanos(i * 1_000_000_000L / 30));
            if (previous != null) {
                assertThat(s.presentationTime()).isGreaterThan(previous.presentationTime());
            }
            if (i % perLoop == 0) {
                assertThat(s.sample().keyframe()).as("loop start %d", i / perLoop).isTrue();
                assertThat(NalUnits.types(s.sample().data())).containsSubsequence(SPS, PPS, IDR).startsWith(SPS, PPS);
            }
            previous = s;
        }
        assertThat(source.loopCount()).isEqualTo(3);
    }

    @Test
    void source_threeLoopsConcatenated_decodeWithFfmpegWithoutErrors(@TempDir Path dir) throws Exception {
        Ffmpeg.assumeInstalled();
        LoopingSource source = BuiltInLoops.source(4);
        Path file = dir.resolve("three-loops.h264");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 3 * source.clip().size(); i++) {
                out.write(source.next().sample().data());
            }
        }

        Ffmpeg.Decoded result = Ffmpeg.decodeRaw(file, "h264");

        assertThat(result.errors()).isEmpty();
        assertThat(result.frames()).isEqualTo(3 * 150);
    }

    @Test
    void clip_channelOutOfRange_isRejected() {
        assertThatThrownBy(() -> BuiltInLoops.clip(8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        assertThatThrownBy(() -> BuiltInLoops.clip(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
