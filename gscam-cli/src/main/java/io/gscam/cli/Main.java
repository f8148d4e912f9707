package io.gscam.cli;

import io.gscam.cli.bench.BenchCommand;
import io.gscam.cli.client.EventsCommand;
import io.gscam.cli.client.ProbeCommand;
import io.gscam.cli.client.RecordCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code gscam} command: wires subcommands, nothing else.
 *
 * <p>The subcommands are added here rather than in {@code @Command(subcommands = ...)} so that a run
 * of one of them builds only its own picocli model: building all of them was a large part of
 * {@code gscam camera}'s start-up (docs/benchmarks.md, "Start-up").
 */
@Command(name = "gscam",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Grandstream surveillance streaming protocol, from both ends: "
                + "a camera emulator, a client (probe, record, events) and an NVR.")
public final class Main implements Runnable {
    /** The subcommands by name, in the order {@code gscam --help} lists them ({@code help} comes first). */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Netty's buffer allocator declares JFR events, and loading them sets up JFR's event metadata
        // even with no recording running: the largest single cost of the camera's start-up. Whoever
        // records with JFR can ask for them with -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        // With a subcommand to run, Logback and Netty are set up on a second core while picocli builds
        // its model on this one, which then warms up records (the two halves take about as long).
        // Joined before the command runs, so that no logger is ever asked for while Logback is being
        // configured (SLF4J would hand out stand-ins and replay their events).
        Thread warmUp = null;
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            warmUp = new Thread(Main::warmUpLibraries, "gscam-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        CommandLine cl = commandLine(args);
        if (warmUp != null) {
            warmUpRecords();
            try {
                warmUp.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.exit(cl.execute(args));
    }

    /** What every subcommand but help sets up first: the logging, Netty's allocator and its epoll transport. */
    private static void warmUpLibraries() {
        org.slf4j.LoggerFactory.getILoggerFactory();
        io.netty.channel.epoll.Epoll.isAvailable();
        io.netty.buffer.ByteBufAllocator.DEFAULT.getClass();
    }

    /**
     * The JDK's bootstrap of a record's {@code equals}/{@code hashCode}: the first costs 0.1 s of
     * method handles, which the camera otherwise spent on its first request.
     */
    private static void warmUpRecords() {
        WarmUpRecord r = new WarmUpRecord("", 0);
        if (!r.equals(new WarmUpRecord("", r.hashCode() & 0))) {
            throw new AssertionError("a record unequal to its copy");
        }
    }

    private record WarmUpRecord(String name, int value) {}

    /** The configured command line with every subcommand, for tests and {@code gscam --help}. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new Main()), SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: when they start with a subcommand's name, only that
     * subcommand is built (its help, errors and behaviour are the same as with all of them);
     * otherwise ({@code --help}, {@code help camera}, an unknown name, an {@code @file}) all are.
     */
    public static CommandLine commandLine(String... args) {
        Class<?> only = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.get(args[0]);
        return only == null ? commandLine() : configured(new CommandLine(new Main()), Map.of(args[0], only));
    }

    private static CommandLine configured(CommandLine cl, Map<String, Class<?>> subcommands) {
        // Subcommands first: picocli's setters apply to the subcommands already added.
        subcommands.forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return cl;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand.class);
        m.put("camera", CameraCommand.class);
        m.put("probe", ProbeCommand.class);
        m.put("record", RecordCommand.class);
        m.put("events", EventsCommand.class);
        m.put("nvr", NvrCommand.class);
        m.put("bench", BenchCommand.class);
        return Collections.unmodifiableMap(m);
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
