package io.gscam.protocol;

/**
 * The one error every parser in gscam throws: the input is not what the protocol allows.
 * It names where in the input the problem was found and why, so a log line is enough to debug a
 * camera's output without a capture.
 *
 * <p>It carries no stack trace: the message says what failed and where, and a peer decides how often
 * a parser fails (a client sending garbage, a camera streaming it), so a failure should cost no more
 * than the check that found it. Filling in the stack was about a quarter of the JPEG payload reader's
 * time under fuzzing (docs/reliability.md).
 */
public final class ParseException extends Exception {
    private final long offset;
    private final String reason;

    public ParseException(String reason, long offset) {
        this(reason, offset, null);
    }

    public ParseException(String reason, long offset, Throwable cause) {
        super(reason + " (at offset " + offset + ")", cause, true, false);
        this.reason = reason;
        this.offset = offset;
    }

    /** Byte (or character) offset into the input where the problem was found. */
    public long offset() {
        return offset;
    }

    /** Why the input was rejected, without the offset. */
    public String reason() {
        return reason;
    }
}
