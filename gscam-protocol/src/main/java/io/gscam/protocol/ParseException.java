package io.gscam.protocol;

/**
 * The one error every parser in gscam throws: the input is not what the protocol allows.
 * It names where in the input the problem was found and why, so a log line is enough to debug a
 * camera's output without a capture.
 */
public final class ParseException extends Exception {
    private final long offset;
    private final String reason;

    public ParseException(String reason, long offset) {
        super(reason + " (at offset " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    public ParseException(String reason, long offset, Throwable cause) {
        this(reason, offset);
        initCause(cause);
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
