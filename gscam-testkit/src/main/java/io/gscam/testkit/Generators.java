package io.gscam.testkit;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Seeded case generators for the round-trip tests: a {@code @MethodSource} draws a fixed number of cases
 * from {@link #SEED}, so every run checks the same cases and a failure names the case that fails; and
 * the framing the fuzz targets read structured input in ({@link #chunks}).
 * Each case gets its own split of the generator, so case k is the same whatever the other cases draw.
 */
public final class Generators {
    /** The one seed of this module's generated cases; the display name shows it. */
    public static final long SEED = 20260808L;
    /** Display name of a generated case: {@code @ParameterizedTest(name = Generators.NAME)}. */
    public static final String NAME = "seed " + SEED + " case {index}";

    private Generators() {
    }

    /** {@code count} values, case k drawn from the k-th split of a generator seeded with {@link #SEED}. */
    public static <T> Stream<T> cases(int count, Function<SplittableRandom, T> generator) {
        SplittableRandom root = new SplittableRandom(SEED);
        List<SplittableRandom> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(root.split());
        }
        return splits.stream().map(generator);
    }

    /** As {@link #cases}, for a test that takes several parameters. */
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
        return max == Long.MAX_VALUE && min == Long.MIN_VALUE ? r.nextLong() : min + r.nextLong(max - min + 1);
    }

    /** A length between min and max, biased to both ends. */
    public static int size(SplittableRandom r, int min, int max) {
        return between(r, min, max);
    }

    public static boolean chance(SplittableRandom r, double probability) {
        return r.nextDouble() < probability;
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** One of the generators, each equally likely. */
    @SafeVarargs
    public static <T> T pick(SplittableRandom r, Function<SplittableRandom, ? extends T>... generators) {
        return generators[r.nextInt(generators.length)].apply(r);
    }

    /** Present with the given probability. */
    public static <T> Optional<T> optional(SplittableRandom r, double present, Function<SplittableRandom, T> generator) {
        return chance(r, present) ? Optional.of(generator.apply(r)) : Optional.empty();
    }

    public static <T> List<T> list(SplittableRandom r, int min, int max, Function<SplittableRandom, T> element) {
        int n = size(r, min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    public static byte[] bytes(SplittableRandom r, int min, int max) {
        byte[] b = new byte[size(r, min, max)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Characters drawn from {@code chars}. */
    public static String string(SplittableRandom r, String chars, int min, int max) {
        int n = size(r, min, max);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** Characters in {@code from..to} plus {@code extra}, without those in {@code excluded}. */
    public static String string(SplittableRandom r, char from, char to, String extra, String excluded, int min, int max) {
        return string(r, alphabet(from, to, extra, excluded), min, max);
    }

    /** The characters {@code from..to} and {@code extra}, without {@code excluded}. */
    public static String alphabet(char from, char to, String extra, String excluded) {
        StringBuilder sb = new StringBuilder();
        for (char c = from; c <= to; c++) {
            if (excluded.indexOf(c) < 0) {
                sb.append(c);
            }
        }
        for (char c : extra.toCharArray()) {
            if (excluded.indexOf(c) < 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Any UTF-16 code units, lone surrogates included, with ASCII and control characters more likely. */
    public static String anyString(SplittableRandom r, int min, int max) {
        int n = size(r, min, max);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append((char) (0x20 + r.nextInt(0x5F)));
                default -> sb.append((char) r.nextInt(0x10000));
            }
        }
        return sb.toString();
    }

    /** A fuzz input read as a stream to feed in chunks of {@code chunk} bytes ({@link #chunked}). */
    public record Chunked(int chunk, byte[] stream) {
    }

    /**
     * A fuzz input read as a chunk size (its first byte: 1 to 256) and the stream (the rest), for the
     * targets that feed a stream in pieces and compare with feeding it whole; empty for an empty input.
     */
    public static Optional<Chunked> chunked(byte[] input) {
        if (input.length == 0) {
            return Optional.empty();
        }
        byte[] stream = new byte[input.length - 1];
        System.arraycopy(input, 1, stream, 0, stream.length);
        return Optional.of(new Chunked((input[0] & 0xFF) + 1, stream));
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
