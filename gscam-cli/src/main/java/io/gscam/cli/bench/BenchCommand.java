package io.gscam.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gscam bench}: measurements over real sockets (not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks over real sockets.",
        subcommands = {BenchIngestCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
