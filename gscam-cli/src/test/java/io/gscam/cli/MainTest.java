package io.gscam.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
