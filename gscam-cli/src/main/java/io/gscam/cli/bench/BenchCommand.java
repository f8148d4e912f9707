package io.gscam.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gscam bench}: load tests over real sockets (see docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks over real sockets.",
        subcommands = {FanoutCommand.class, BenchIngestCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: fanout or ingest");
    }
}
