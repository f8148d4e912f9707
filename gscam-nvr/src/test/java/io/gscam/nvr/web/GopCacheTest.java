package io.gscam.nvr.web;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.VideoFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live view's GOP cache: a viewer gets back exactly the frames kept (every field, the bytes in
 * arrays of their own), across GOPs of any size up to the cap, whatever the GOP before it was.
 */
class GopCacheTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void replay_givesEveryKeptFrameBack_withItsOwnCopyOfTheBytes() {
        GopCache cache = new GopCache(8 << 20);
        SplittableRandom random = new SplittableRandom(3);
        for (int gop = 0; gop < 20; gop++) {
            cache.clear();
            List<CameraEvent> kept = new ArrayList<>();
            boolean large = gop % 4 == 3; // GOPs well past the first array (up to 6 MB), then small ones again
            int frames = random.nextInt(1, large ? 30 : 90);
            int maxFrame = large ? 200_000 : 5_000;
            for (int i = 0; i < frames; i++) {
                CameraEvent e = i % 3 == 2 ? audio(random, i) : video(random, i, i == 0, maxFrame);
                assertThat(cache.keep(e)).isTrue();
                kept.add(e);
            }
            List<CameraEvent> replayed = new ArrayList<>();
            cache.replay(replayed::add);
            assertThat(replayed).hasSize(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                assertSame(replayed.get(i), kept.get(i));
            }
            assertThat(cache.bytes()).isEqualTo(kept.stream().mapToInt(GopCacheTest::size).sum());
            // the copies are the viewer's: writing into one changes neither the cache nor the original
            byte[] first = ((VideoFrame) replayed.get(0)).data();
            byte[] original = ((VideoFrame) kept.get(0)).data();
            assertThat(first).isNotSameAs(original);
            first[0] ^= 1;
            List<CameraEvent> again = new ArrayList<>();
            cache.replay(again::add);
            assertThat(((VideoFrame) again.get(0)).data()).isEqualTo(original);
        }
    }

    @Test
    void aFramePastTheCap_isRefused_andTheCacheKeepsWhatItHad() {
        GopCache cache = new GopCache(100_000);
        SplittableRandom random = new SplittableRandom(5);
        VideoFrame key = frame(T0, true, new byte[60_000]);
        assertThat(cache.keep(key)).isTrue();
        assertThat(cache.keep(frame(T0, false, new byte[40_000]))).isTrue(); // exactly the cap
        assertThat(cache.keep(frame(T0, false, new byte[1]))).isFalse();
        assertThat(cache.bytes()).isEqualTo(100_000);
        List<CameraEvent> replayed = new ArrayList<>();
        cache.replay(replayed::add);
        assertThat(replayed).hasSize(2);
        cache.clear();
        assertThat(cache.isEmpty()).isTrue();
        assertThat(cache.bytes()).isZero();
        assertThat(cache.keep(video(random, 0, true, 100_000))).isTrue();
        assertThatThrownBy(() -> new GopCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSame(CameraEvent replayed, CameraEvent kept) {
        assertThat(replayed.getClass()).isEqualTo(kept.getClass());
        if (kept instanceof VideoFrame k) {
            VideoFrame r = (VideoFrame) replayed;
            assertThat(r.data()).isEqualTo(k.data());
            assertThat(List.of(r.trackIndex(), r.codec(), r.rtpTimestamp(), r.presentationTime(), r.receivedAt(),
                    r.keyframe(), r.clock())).isEqualTo(List.of(k.trackIndex(), k.codec(), k.rtpTimestamp(),
                    k.presentationTime(), k.receivedAt(), k.keyframe(), k.clock()));
            assertThat(r.codecConfig()).hasSameSizeAs(k.codecConfig());
            for (int i = 0; i < k.codecConfig().size(); i++) {
                assertThat(r.codecConfig().get(i)).isEqualTo(k.codecConfig().get(i));
            }
        } else {
            AudioFrame k = (AudioFrame) kept;
            AudioFrame r = (AudioFrame) replayed;
            assertThat(r.data()).isEqualTo(k.data());
            assertThat(List.of(r.trackIndex(), r.codec(), r.rtpTimestamp(), r.presentationTime(), r.receivedAt(),
                    r.sampleRate(), r.channels(), r.clock())).isEqualTo(List.of(k.trackIndex(), k.codec(),
                    k.rtpTimestamp(), k.presentationTime(), k.receivedAt(), k.sampleRate(), k.channels(), k.clock()));
        }
    }

    private static int size(CameraEvent e) {
        return e instanceof VideoFrame v ? v.data().length : ((AudioFrame) e).data().length;
    }

    private static VideoFrame video(SplittableRandom random, int i, boolean key, int maxSize) {
        byte[] data = new byte[random.nextInt(1, maxSize)];
        random.nextBytes(data);
        return frame(T0.plusMillis(33L * i), key, data);
    }

    private static VideoFrame frame(Instant at, boolean key, byte[] data) {
        long ms = Duration.between(T0, at).toMillis();
        return new VideoFrame(0, "H264", 90L * ms, Duration.ofMillis(ms), at, key, data,
                key ? List.of(new byte[]{0x67, 0x42}, new byte[]{0x68}) : List.of());
    }

    private static AudioFrame audio(SplittableRandom random, int i) {
        byte[] data = new byte[random.nextInt(80, 400)];
        random.nextBytes(data);
        return new AudioFrame(1, "PCMU", 8L * 33 * i, Duration.ofMillis(33L * i), T0.plusMillis(33L * i), 8000, 1, data);
    }
}
