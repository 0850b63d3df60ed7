package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.api.Json;
import io.certfleet.api.PolicyJson;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingQuery;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.wiring.Wiring;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet findings list}: the policy engine's findings, with their history. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "Reads the policy findings (configuration, wire, and the two compared).",
        subcommands = FindingsCommand.ListCommand.class)
final class FindingsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no subcommand given; try 'certfleet findings list'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists findings worst first, with when each was first and last seen and, for resolved "
                    + "ones, when it went away.", "Exit 1 when an open finding is listed."})
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Only this owner's findings.")
        String owner;

        @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only findings in this account.")
        String account;

        @Option(names = "--code", paramLabel = "CODE", description = "Only this finding code.")
        String code;

        @Option(names = "--severity", paramLabel = "LEVEL",
                description = "Only findings at least this severe: critical, high, medium, low.")
        String severity;

        @Option(names = "--state", paramLabel = "STATE", defaultValue = "open",
                description = "open (default), resolved or all.")
        String state;

        @Override
        public Integer call() {
            FindingQuery query = query();
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                Wiring wiring = inventory.readingWiring(aws);
                List<FindingHistory> findings = wiring.listFindings().list(query);
                PrintWriter out = spec.commandLine().getOut();
                if (inventory.json) {
                    out.println(Json.pretty(findings.stream().map(PolicyJson::history).toList()));
                } else {
                    print(out, findings);
                }
                return findings.stream().anyMatch(FindingHistory::open) ? ExitCode.FINDINGS : ExitCode.OK;
            }
        }

        private FindingQuery query() {
            Optional<Severity> atLeast = Optional.ofNullable(severity).map(level -> Arrays.stream(Severity.values())
                    .filter(s -> s.label().equalsIgnoreCase(level)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--severity must be critical, high, "
                            + "medium or low, got '" + level + "'")));
            FindingQuery.State wanted = Arrays.stream(FindingQuery.State.values())
                    .filter(s -> s.name().equalsIgnoreCase(state)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--state must be open, resolved or "
                            + "all, got '" + state + "'"));
            if (account != null && !account.matches("\\d{12}")) {
                throw new ParameterException(spec.commandLine(), "--account must be a 12-digit account id, got '"
                        + account + "'");
            }
            return new FindingQuery(Optional.ofNullable(owner), Optional.ofNullable(account), codeNamed(), atLeast,
                    wanted);
        }

        private Optional<String> codeNamed() {
            if (code == null) {
                return Optional.empty();
            }
            String upper = code.strip().toUpperCase(Locale.ROOT);
            List<String> codes = Arrays.stream(FindingCode.values()).map(FindingCode::name).toList();
            if (!codes.contains(upper)) {
                throw new ParameterException(spec.commandLine(), "--code: no finding code is named '" + code + "'"
                        + Suggestions.nearest(code, codes).map(near -> " (did you mean " + near + "?)").orElse("")
                        + "; codes: " + String.join(", ", codes));
            }
            return Optional.of(upper);
        }

        private static void print(PrintWriter out, List<FindingHistory> findings) {
            TextTable table = new TextTable("SEVERITY", "OWNER", "CODE", "SIDE", "WHERE", "FIRST SEEN", "LAST SEEN",
                    "RESOLVED", "DETAIL");
            for (FindingHistory history : findings) {
                PolicyFinding finding = history.finding();
                table.row(finding.severity().label(), finding.owner().isEmpty() ? "-" : finding.owner(),
                        finding.code().name(), finding.side().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        where(finding), history.firstSeen().toString().substring(0, 16),
                        history.lastSeen().toString().substring(0, 16),
                        history.resolvedAt().map(at -> at.toString().substring(0, 16)).orElse("-"),
                        shortened(finding.detail()));
            }
            table.print(out);
            long open = findings.stream().filter(FindingHistory::open).count();
            out.printf("%n%d finding(s), %d open, %d resolved; by code: %s%n", findings.size(), open,
                    findings.size() - open, findings.stream().collect(Collectors.groupingBy(
                            history -> history.finding().code().name(), java.util.TreeMap::new,
                            Collectors.counting())));
        }

        /** {@code certificate/shop} or the endpoint's resource id, short enough for a table. */
        private static String where(PolicyFinding finding) {
            String arn = finding.certificateArn();
            String certificate = arn.substring(arn.lastIndexOf(':') + 1);
            if (!finding.aboutBinding()) {
                return certificate;
            }
            String resource = finding.subject().substring(finding.subject().indexOf('#') + 1);
            return finding.subject().substring(0, finding.subject().indexOf('#')) + " "
                    + resource.substring(resource.lastIndexOf(':') + 1);
        }

        private static String shortened(String detail) {
            return detail.length() <= 80 ? detail : detail.substring(0, 79) + "…";
        }
    }
}
