package io.gscam.testkit;

import java.util.Objects;

/**
 * The checks of the Jazzer fuzz targets: a plain comparison per input, the message built only when it
 * fails. AssertJ builds an assertion object (and often a description) on every call, which a fuzzer
 * pays some ten million times a target.
 */
public final class FuzzChecks {
    private FuzzChecks() {
    }

    /** Fails with {@code what} when {@code condition} is false. */
    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** Fails unless {@code actual} equals {@code expected} ({@link Objects#equals}). */
    public static void checkEqual(Object actual, Object expected, String what) {
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    /** Fails unless {@code min <= value <= max}. */
    public static void checkBetween(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new AssertionError(what + ": " + value + " is not between " + min + " and " + max);
        }
    }

    /** Fails when {@code text} is null or only whitespace (a ParseException's reason must say something). */
    public static void checkNotBlank(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new AssertionError(what + " is blank: <" + text + ">");
        }
    }
}
