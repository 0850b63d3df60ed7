package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

/**
 * Any argument list, built from certfleet's own words and hostile values: picocli parses it or refuses it with a
 * usage error (exit 2 in the CLI) — never another exception.
 */
class CommandLineFuzzTest {

    private static final List<String> WORDS = List.of("scan", "probe", "inventory", "list", "findings", "demo",
            "report", "conformance", "fleet", "policy", "check", "rotate", "rotation", "api", "serve", "metrics",
            "--table", "--json", "--accounts", "--regions", "--status", "--code", "--severity", "--sni",
            "--timeout-ms", "--faults", "--fault-seed", "--targets-file", "--html", "--policy", "--policy-file",
            "--endpoint", "--port", "--limit", "--waves", "--create-table", "-h", "--help", "--version", "--",
            "", " ", "-", "-1", "0", "99999999999999999999", "20%", "0.2", "NaN", "x..y", "bad_name",
            "https://example.test/", "[::1]:443", "host:70000", "ünïcødé", "\u0000", "a".repeat(300), "--=x",
            "--table=", "--json=true");

    @Provide
    Arbitrary<List<String>> argumentLists() {
        return Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(12)).list().ofMaxSize(8);
    }

    @Property(tries = 1_000)
    void everyArgumentListParsesOrIsAUsageError(@ForAll("argumentLists") List<String> args) {
        CommandLine commandLine = new CommandLine(new CertfleetCli());
        try {
            assertThat(commandLine.parseArgs(args.toArray(String[]::new))).isNotNull();
        } catch (CommandLine.ParameterException usage) {
            assertThat(usage.getMessage()).isNotBlank();
        }
    }
}
