package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.api.Json;
import io.certfleet.api.KpiJson;
import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.compliance.KpiFilter;
import io.certfleet.wiring.Wiring;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "The governance KPIs of the inventory (definitions in the README), for the fleet or one owner,"
                + " environment or account: the numbers GET /metrics answers.")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--owner", paramLabel = "OWNER", description = "Only this owner's certificates and endpoints.")
    String owner;

    @Option(names = "--environment", paramLabel = "ENV", description = "Only this environment's.")
    String environment;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only this AWS account's (12 digits).")
    String account;

    @Override
    public Integer call() {
        if (account != null && !account.matches("[0-9]{12}")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--account is 12 digits, not '"
                    + account + "'");
        }
        try (AwsClients aws = AwsClients.fromEnvironment()) {
            Wiring wiring = inventory.readingWiring(aws);
            GovernanceKpis kpis = wiring.computeKpis().compute(new KpiFilter(Optional.ofNullable(owner),
                    Optional.ofNullable(environment), Optional.ofNullable(account)));
            if (inventory.json) {
                spec.commandLine().getOut().println(Json.pretty(KpiJson.kpis(kpis)));
            } else {
                new KpiView(spec.commandLine().getOut()).print(kpis);
            }
        }
        return ExitCode.OK;
    }
}
