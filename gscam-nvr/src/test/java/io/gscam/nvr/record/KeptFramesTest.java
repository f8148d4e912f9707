package io.gscam.nvr.record;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraState;
import io.gscam.client.StateChange;
import io.gscam.client.VideoFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Frames kept with their bytes in chunks used again: a reader gets back exactly the frames kept (every
 * field, the bytes in arrays of its own, the notes), in order, through any mix of adding, dropping the
 * oldest and clearing, with frames larger than the chunks; and once the chunks of the fullest moment
 * exist, keeping more frames allocates none.
 */
class KeptFramesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void whatIsReadBack_isWhatWasKept_throughAddsDropsAndClears() {
        KeptFrames<Integer> kept = new KeptFrames<>(Long.MAX_VALUE);
        Deque<CameraEvent> model = new ArrayDeque<>();
        Deque<Integer> notes = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int step = 0; step < 4_000; step++) {
            int op = random.nextInt(100);
            if (op < 60 || model.isEmpty()) {
                // mostly small frames, now and then one larger than the chunks (a 4K keyframe)
                int max = random.nextInt(50) == 0 ? 3 * KeptFrames.MIN_CHUNK : 20_000;
                CameraEvent e = random.nextInt(4) == 0 ? audio(random, step) : video(random, step, max);
                assertThat(kept.addLast(e, step)).isTrue();
                model.addLast(e);
                notes.addLast(step);
            } else if (op < 98) {
                kept.removeFirst();
                model.removeFirst();
                notes.removeFirst();
            } else {
                kept.clear();
                model.clear();
                notes.clear();
            }
            if (step % 50 == 0 || model.isEmpty()) {
                assertKept(kept, model, notes);
            }
        }
    }

    @Test
    void theBound_refusesAFrameThatWouldPassIt_andKeepsWhatItHad() {
        KeptFrames<Void> kept = new KeptFrames<>(100_000);
        assertThat(kept.addLast(frame(0, true, new byte[60_000]), null)).isTrue();
        assertThat(kept.addLast(frame(1, false, new byte[40_000]), null)).isTrue(); // exactly the bound
        assertThat(kept.addLast(frame(2, false, new byte[1]), null)).isFalse();
        assertThat(kept.bytes()).isEqualTo(100_000);
        assertThat(read(kept)).hasSize(2);
        kept.clear();
        assertThat(kept.isEmpty()).isTrue();
        assertThat(kept.bytes()).isZero();
        assertThat(kept.addLast(frame(3, true, new byte[100_000]), null)).isTrue();
        assertThatThrownBy(() -> new KeptFrames<Void>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kept.addLast(StateChange.of(CameraState.CONNECTING, "x"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A live view's GOP (cleared at each keyframe) and a pre-roll (oldest GOP dropped): no chunk made after the first GOPs. */
    @Test
    void inASteadyStream_theChunksAreUsedAgain() {
        KeptFrames<Void> gop = new KeptFrames<>(Long.MAX_VALUE);
        KeptFrames<Void> preRoll = new KeptFrames<>(Long.MAX_VALUE);
        long gopChunks = 0;
        long preRollChunks = 0;
        for (int i = 0; i < 30 * 600; i++) { // 10 minutes at 30 fps, a GOP a second
            boolean key = i % 30 == 0;
            CameraEvent f = frame(i, key, new byte[key ? 50_000 : 3_000 + i % 7 * 100]); // sizes repeating every 7 s
            if (key) {
                gop.clear();
            }
            gop.addLast(f, null);
            preRoll.addLast(f, null);
            if (preRoll.size() > 5 * 30) { // 5 s
                preRoll.removeFirst();
            }
            if (i == 30 * 20) {
                gopChunks = gop.chunksMade();
                preRollChunks = preRoll.chunksMade();
            }
        }
        assertThat(gopChunks).isPositive();
        assertThat(gop.chunksMade()).isEqualTo(gopChunks);
        assertThat(preRoll.chunksMade()).isEqualTo(preRollChunks);
    }

    private static void assertKept(KeptFrames<Integer> kept, Deque<CameraEvent> model, Deque<Integer> notes) {
        assertThat(kept.size()).isEqualTo(model.size());
        assertThat(kept.isEmpty()).isEqualTo(model.isEmpty());
        assertThat(kept.bytes()).isEqualTo(model.stream().mapToLong(KeptFramesTest::size).sum());
        List<Integer> readNotes = new ArrayList<>();
        List<CameraEvent> read = new ArrayList<>();
        kept.forEach((n, e) -> {
            readNotes.add(n);
            read.add(e);
        });
        assertThat(readNotes).containsExactlyElementsOf(notes);
        List<Integer> viewed = new ArrayList<>();
        kept.notes().forEach(viewed::add);
        assertThat(viewed).containsExactlyElementsOf(notes);
        if (!model.isEmpty()) {
            assertThat(kept.firstNote()).isEqualTo(notes.peekFirst());
            assertThat(kept.lastNote()).isEqualTo(notes.peekLast());
        }
        int i = 0;
        for (CameraEvent expected : model) {
            CameraEvent actual = read.get(i++);
            assertSameFrame(actual, expected);
            byte[] copy = dataOf(actual);
            assertThat(copy).isNotSameAs(dataOf(expected));
        }
        // a reader's copy is its own: changing it changes nothing kept
        if (!read.isEmpty() && dataOf(read.get(0)).length > 0) {
            dataOf(read.get(0))[0] ^= 1;
            assertSameFrame(read(kept).get(0), model.peekFirst());
        }
    }

    private static List<CameraEvent> read(KeptFrames<?> kept) {
        List<CameraEvent> out = new ArrayList<>();
        kept.forEach((note, frame) -> out.add(frame));
        return out;
    }

    private static void assertSameFrame(CameraEvent actual, CameraEvent expected) {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(dataOf(actual)).isEqualTo(dataOf(expected));
        if (expected instanceof VideoFrame k) {
            VideoFrame r = (VideoFrame) actual;
            assertThat(List.of(r.trackIndex(), r.codec(), r.rtpTimestamp(), r.presentationTime(), r.receivedAt(),
                    r.keyframe(), r.clock())).isEqualTo(List.of(k.trackIndex(), k.codec(), k.rtpTimestamp(),
                    k.presentationTime(), k.receivedAt(), k.keyframe(), k.clock()));
            assertThat(r.codecConfig()).hasSameSizeAs(k.codecConfig());
            for (int i = 0; i < k.codecConfig().size(); i++) {
                assertThat(r.codecConfig().get(i)).isEqualTo(k.codecConfig().get(i));
            }
        } else {
            AudioFrame k = (AudioFrame) expected;
            AudioFrame r = (AudioFrame) actual;
            assertThat(List.of(r.trackIndex(), r.codec(), r.rtpTimestamp(), r.presentationTime(), r.receivedAt(),
                    r.sampleRate(), r.channels(), r.clock())).isEqualTo(List.of(k.trackIndex(), k.codec(),
                    k.rtpTimestamp(), k.presentationTime(), k.receivedAt(), k.sampleRate(), k.channels(), k.clock()));
        }
    }

    private static byte[] dataOf(CameraEvent e) {
        return e instanceof VideoFrame v ? v.data() : ((AudioFrame) e).data();
    }

    private static long size(CameraEvent e) {
        return dataOf(e).length;
    }

    private static VideoFrame video(SplittableRandom random, int i, int maxSize) {
        byte[] data = new byte[random.nextInt(0, maxSize)];
        random.nextBytes(data);
        return frame(i, random.nextInt(30) == 0, data);
    }

    private static VideoFrame frame(int i, boolean key, byte[] data) {
        return new VideoFrame(0, "H264", 3000L * i, Duration.ofMillis(33L * i), T0.plusMillis(33L * i), key, data,
                key ? List.of(new byte[]{0x67, 0x42}, new byte[]{0x68}) : List.of());
    }

    private static AudioFrame audio(SplittableRandom random, int i) {
        byte[] data = new byte[random.nextInt(80, 400)];
        random.nextBytes(data);
        return new AudioFrame(1, "PCMU", 8L * 33 * i, Duration.ofMillis(33L * i), T0.plusMillis(33L * i), 8000, 1, data);
    }
}
