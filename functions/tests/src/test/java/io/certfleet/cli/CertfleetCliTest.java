package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
    @ValueSource(strings = {"demo", "scan", "inventory", "inventory list", "drill"})
    void everyCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.OK);
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

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("scan", "--concurrency", "0"), "certfleet scan: --concurrency must be between 1 and 256, got 0"),
                Arguments.of(List.of("scan", "--organization", "--accounts", "111122223333"),
                        "certfleet scan: Error: --organization, --accounts=ACCOUNT are mutually exclusive"),
                Arguments.of(List.of("scan", "--regions", "us-east-1,mars-1"),
                        "certfleet scan: --regions: 'mars-1' is not an AWS region name such as eu-west-1"),
                Arguments.of(List.of("scan", "--rate-limits", "fast"), "certfleet scan: --rate-limits must be 'aws' or 'off', got 'fast'"),
                Arguments.of(List.of("inventory"), "certfleet inventory: no subcommand given; try 'certfleet inventory list'"),
                Arguments.of(List.of("inventory", "list", "--expiring-within", "-1"),
                        "certfleet inventory list: --expiring-within must be 0 or more days, got -1"),
                Arguments.of(List.of("inventory", "list", "--expiring-within", "soon"),
                        "certfleet inventory list: Invalid value for option '--expiring-within'"),
                Arguments.of(List.of("inventory", "list", "--account", "12"),
                        "certfleet inventory list: --account must be a 12-digit AWS account id, got '12'"),
                Arguments.of(List.of("inventory", "list", "--status", "FOO"),
                        "certfleet inventory list: --status: no store reports 'FOO'; statuses: ISSUED, "
                                + "PENDING_VALIDATION, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED"),
                Arguments.of(List.of("inventory", "list", "--status", "isued"),
                        "certfleet inventory list: --status: no store reports 'isued' (did you mean ISSUED?)"),
                Arguments.of(List.of("findings", "list", "--code", "EXPIRNG_SOON"),
                        "certfleet findings list: --code: no finding code is named 'EXPIRNG_SOON' (did you mean "
                                + "EXPIRING_SOON?); codes: EXPIRED, "),
                Arguments.of(List.of("scan", "--accounts", "notanumber", "--table", "no-such-table"),
                        "certfleet scan: --accounts: 'notanumber' is not a 12-digit AWS account id"),
                Arguments.of(List.of("demo", "--region", "nowhere-1"),
                        "certfleet demo: --region: 'nowhere-1' is not an AWS region name"),
                Arguments.of(List.of("policy", "check", "no-such-policy.yaml"),
                        "certfleet policy check: no-such-policy.yaml: no such file"),
                Arguments.of(List.of("probe", "127.0.0.1:443", "--sni", "bad_name"),
                        "certfleet probe: target '127.0.0.1:443': 'bad_name' cannot be sent as an SNI name"),
                Arguments.of(List.of("probe", "http://example.com"), "certfleet probe: target 'http://example.com': "
                        + "only https:// URLs name a TLS endpoint; give host:port"),
                Arguments.of(List.of("drill"), "certfleet drill: Missing required option: "
                        + "'--binding=TYPE:RESOURCE_ID'"),
                Arguments.of(List.of("drill", "--binding", "E2ABC"), "certfleet drill: --binding: name the binding "
                        + "as TYPE:RESOURCE_ID (TYPE one of ELBV2_LISTENER, ELB_LISTENER, CLOUDFRONT, "
                        + "APIGATEWAY_DOMAIN), got 'E2ABC'"),
                Arguments.of(List.of("drill", "--binding", "CLOUDFRONT:E2ABC", "--fault", "expird"),
                        "certfleet drill: --fault: unknown drill fault 'expird': use one of expired, wrong-host, "
                                + "incomplete-chain, weak-key"),
                Arguments.of(List.of("drill", "--binding", "CLOUDFRONT:E2ABC", "--expires-after-seconds", "1"),
                        "certfleet drill: --expires-after-seconds must be 5-3600, got 1"),
                Arguments.of(List.of("drill", "--binding", "CLOUDFRONT:E2ABC", "--issuer-cert", "ca.pem"),
                        "certfleet drill: --issuer-cert and --issuer-key go together"),
                Arguments.of(List.of("drill", "--binding", "CLOUDFRONT:E2ABC", "--issuer-cert", "no-ca.pem",
                        "--issuer-key", "no-key.pem"), "certfleet drill: no-ca.pem: no such file"),
                Arguments.of(List.of("dril"), "certfleet: Unmatched argument at index 0: 'dril'; did you mean "
                        + "'certfleet drill'?"),
                Arguments.of(List.of("scna"), "certfleet: Unmatched argument at index 0: 'scna'; did you mean "
                        + "'certfleet scan'?"),
                Arguments.of(List.of("report", "conformanse", "--endpoint", "x:1"), "certfleet report: Unmatched "
                        + "arguments from index 1: 'conformanse', '--endpoint', 'x:1'; did you mean 'certfleet report "
                        + "conformance'?"));
    }

    @Test
    void anEmptyTargetsFileSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws java.io.IOException {
        java.nio.file.Path empty = java.nio.file.Files.writeString(directory.resolve("targets.txt"), "# none\n\n");

        assertThat(run("probe", "--targets-file", empty.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("certfleet probe: --targets-file "
                + empty + ": no target in it (only blank lines and comments)");
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badCommandLinesAreUsageErrorsOnOneLine(List<String> args, String message) {
        assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().startsWith(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withJsonEveryFailureIsAlsoOneJsonObjectOnStandardOutput() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(run("inventory", "list", "--json", "--status", "FOO")).isEqualTo(ExitCode.USAGE);
        com.fasterxml.jackson.databind.JsonNode usage = mapper.readTree(out.toString()).path("error");
        assertThat(usage.path("code").asText()).isEqualTo("Usage");
        assertThat(usage.path("exitCode").asInt()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.path("message").asText()).startsWith("certfleet inventory list: --status: no store reports "
                + "'FOO'");
        assertThat(err.toString().lines()).singleElement().asString().contains("--status");

    }

    @Test
    void unreachableEndpointIsAFailureNotAUsageError() {
        assertThat(run("demo", "--endpoint", "http://127.0.0.1:9")).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("certfleet: Nothing answers at http://127.0.0.1:9");
    }
}
