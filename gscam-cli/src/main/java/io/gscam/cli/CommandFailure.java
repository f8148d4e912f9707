package io.gscam.cli;

/** A command's expected failure: its message is the one line printed on stderr, without a stack trace. */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(String message) {
        this(message, 1);
    }

    public CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
