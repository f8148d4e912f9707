package io.gscam.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void help_listsTheCommandAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: gscam").contains("--version");
    }

    @Test
    void unknownOption_exitsNonZeroWithAReason() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--no-such-option")).isNotZero();
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void everySubcommand_isListedUnderItsOwnName_inTheHelpOrder() {
        CommandLine all = Main.commandLine();
        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        all.getSubcommands().forEach((name, sub) ->
                assertThat(sub.getCommandSpec().name()).as(name).isEqualTo(name));
        String help = CommandRun.of(all, "--help").out();
        assertThat(help).contains("Commands:");
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertThat(help).contains("  " + name + " ");
        }
    }

    @Test
    void aRunOfOneSubcommand_buildsOnlyThatOne() {
        assertThat(Main.commandLine("camera", "--http-port", "0").getSubcommands()).containsOnlyKeys("camera");
        assertThat(Main.commandLine("bench", "fanout").getSubcommands()).containsOnlyKeys("bench");
        // help needs every subcommand, as do the top-level options and names picocli must reject
        for (List<String> args : List.of(List.<String>of(), List.of("help", "camera"), List.of("--help"),
                List.of("--version"), List.of("no-such-command"), List.of("@args.txt"))) {
            assertThat(Main.commandLine(args.toArray(String[]::new)).getSubcommands()).as(args.toString())
                    .containsOnlyKeys(Main.SUBCOMMANDS.keySet());
        }
    }

    @Test
    void aSubcommandBuiltAlone_helpsAndFailsAsWithAllOfThem() {
        for (List<String> args : List.of(List.of("camera", "--help"), List.of("camera", "--no-such-option"),
                List.of("bench", "fanout", "--help"), List.of("probe"), List.of("nvr", "--help"),
                List.of("record", "rtsp://127.0.0.1:1/0"), List.of("camera", "--model"))) {
            String[] a = args.toArray(String[]::new);
            CommandRun alone = CommandRun.of(Main.commandLine(a), a);
            CommandRun withAll = CommandRun.of(Main.commandLine(), a);
            assertThat(alone).as(args.toString()).isEqualTo(withAll);
            assertThat(alone.out() + alone.err()).as(args.toString()).contains("gscam " + args.get(0));
        }
    }
}
