package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertfleetCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Usage: certfleet").contains("demo").contains("Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Usage: certfleet " + command);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("certfleet ");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        assertThat(run("demo", "--no-such-option")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("certfleet demo: Unknown option: '--no-such-option' (see 'certfleet demo --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        assertThat(run("frobnicate")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("certfleet: Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("certfleet: no command given; try 'certfleet --help'");
    }

    @Test
    void malformedOptionValueIsAUsageError() {
        assertThat(run("demo", "--endpoint", "http://[broken")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("certfleet demo: Invalid value for option '--endpoint'");
    }

    @Test
    void unreachableEndpointIsAFailureNotAUsageError() {
        assertThat(run("demo", "--endpoint", "http://127.0.0.1:9")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("certfleet: Nothing answers at http://127.0.0.1:9");
    }
}
