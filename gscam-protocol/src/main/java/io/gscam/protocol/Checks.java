package io.gscam.protocol;

/**
 * The argument checks that records' compact constructors share, so that a record names its required
 * components once instead of one {@code Objects.requireNonNull} line each.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Fails on the first null value as {@code Objects.requireNonNull(value, name)} does: a
     * {@link NullPointerException} whose message is the value's name. The arguments are pairs, each name
     * before its value: {@code nonNull("url", url, "server", server)}.
     *
     * @throws IllegalArgumentException when the arguments are not name/value pairs (a programming error)
     */
    public static void nonNull(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values go in pairs, got " + namesAndValues.length + " arguments");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " is not a name: " + namesAndValues[i]);
            }
            if (namesAndValues[i + 1] == null) {
                throw new NullPointerException(name);
            }
        }
    }
}
