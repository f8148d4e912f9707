package io.gscam.media;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Seeded case generators for the round-trip tests ({@code @MethodSource} draws a fixed number of cases
 * from {@link #SEED}; the display name shows it), and the framing the fuzz targets read their input in.
 * Each case gets its own split of the generator, so case k is the same whatever the other cases draw.
 */
public final class Generators {
    /** The one seed of this module's generated cases. */
    public static final long SEED = 20260808L;
    /** Display name of a generated case: {@code @ParameterizedTest(name = Generators.NAME)}. */
    public static final String NAME = "seed " + SEED + " case {index}";

    private Generators() {
    }

    public static <T> Stream<T> cases(int count, Function<SplittableRandom, T> generator) {
        SplittableRandom root = new SplittableRandom(SEED);
        List<SplittableRandom> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(root.split());
        }
        return splits.stream().map(generator);
    }

    public static Stream<Arguments> arguments(int count, Function<SplittableRandom, Object[]> generator) {
        return cases(count, generator).map(Arguments::of);
    }

    /** Between min and max inclusive; the bounds come up more often than evenly, as they find most bugs. */
    public static int between(SplittableRandom r, int min, int max) {
        return (int) between(r, (long) min, max);
    }

    public static long between(SplittableRandom r, long min, long max) {
        int edge = r.nextInt(20);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        return min + r.nextLong(max - min + 1);
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    public static <T> List<T> list(SplittableRandom r, int min, int max, Function<SplittableRandom, T> element) {
        int n = between(r, min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    public static byte[] bytes(SplittableRandom r, int min, int max) {
        byte[] b = new byte[between(r, min, max)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** One packet's worth of a fuzz input: a control byte (marker, gaps) and the payload. */
    public record Chunk(int control, byte[] payload) {
    }

    /**
     * A fuzz input read as packets: repeated {@code control(1) length(2, big-endian) payload(length)};
     * a short last payload takes what is left. The regression inputs are written in the same framing.
     */
    public static List<Chunk> chunks(byte[] input) {
        List<Chunk> out = new ArrayList<>();
        int at = 0;
        while (at < input.length) {
            int control = input[at++] & 0xFF;
            int length = 0;
            for (int k = 0; k < 2 && at < input.length; k++) {
                length = (length << 8) | (input[at++] & 0xFF);
            }
            int n = Math.min(length, input.length - at);
            byte[] payload = new byte[n];
            System.arraycopy(input, at, payload, 0, n);
            at += n;
            out.add(new Chunk(control, payload));
        }
        return out;
    }
}
