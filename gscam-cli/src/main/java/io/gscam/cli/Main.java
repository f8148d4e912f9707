package io.gscam.cli;

import io.gscam.cli.bench.BenchCommand;
import io.gscam.cli.client.EventsCommand;
import io.gscam.cli.client.ProbeCommand;
import io.gscam.cli.client.RecordCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gscam} command: wires subcommands, nothing else. */
@Command(name = "gscam",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Grandstream surveillance streaming protocol, from both ends: "
                + "a camera emulator, a client (probe, record, events) and an NVR.",
        subcommands = {CommandLine.HelpCommand.class, CameraCommand.class, ProbeCommand.class, RecordCommand.class,
                EventsCommand.class, NvrCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Prints the version from the jar manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gscam " + (v == null ? "development" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    /** Failures end in one line on stderr and a non-zero exit, as the command-line contract says. */
    static final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            cl.getErr().println("gscam " + cl.getCommandName() + ": " + message);
            return ex instanceof CommandFailure f ? f.exitCode() : 1;
        }
    }
}
