package io.gscam.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the gscam command line, with what it printed. */
public record CommandRun(int exitCode, String out, String err) {
    /** A run as {@code gscam ARGS} makes it: only the subcommand named is built. */
    public static CommandRun of(String... args) {
        return of(Main.commandLine(args), args);
    }

    /** A run of {@code args} on the command line given. */
    public static CommandRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
