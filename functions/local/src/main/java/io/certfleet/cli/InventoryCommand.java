package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.api.InventoryJson;
import io.certfleet.api.Json;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.StoreStatus;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.wiring.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet inventory ...}: read the inventory. */
@Command(name = "inventory", mixinStandardHelpOptions = true, description = "Reads the certificate inventory.",
        subcommands = InventoryCommand.ListCommand.class)
final class InventoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no subcommand given; try 'certfleet inventory list'");
    }

    /** {@code certfleet inventory list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists certificates with their bindings, grouped by owner, soonest expiry first.",
                    "Filters combine: --expiring-within 30 --owner payments lists payments' certificates that "
                    + "expire within 30 days."})
    static final class ListCommand implements Callable<Integer> {

        private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Option(names = "--expiring-within", paramLabel = "DAYS",
                description = "Only certificates that expire within DAYS days (0 or more).")
        Integer expiringWithin;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Only this owner's certificates.")
        String owner;

        @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only certificates in this account.")
        String account;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only certificates with this store status (any letter case): ISSUED, "
                        + "PENDING_VALIDATION, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED.")
        String status;

        @Option(names = "--include-removed", description = "Also certificates and bindings that have gone.")
        boolean includeRemoved;

        @Override
        public Integer call() {
            validate();
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                Wiring wiring = inventory.readingWiring(aws);
                InventoryQuery query = new InventoryQuery(
                        Optional.ofNullable(expiringWithin)
                                .map(days -> wiring.clock().instant().plus(Duration.ofDays(days))),
                        Optional.ofNullable(owner), Optional.ofNullable(account), statusNamed(),
                        includeRemoved);
                List<InventoryEntry> entries = wiring.listInventory().list(query);
                if (inventory.json) {
                    Map<BindingRecord.Key, BindingProbe> probes = wiring.probeResults().latestOf(entries.stream()
                            .map(entry -> entry.record().location().arn()).collect(Collectors.toSet()));
                    spec.commandLine().getOut().println(Json.pretty(InventoryJson.entries(entries, probes)));
                } else {
                    new InventoryView(spec.commandLine().getOut()).printByOwner(entries);
                }
                return ExitCode.OK;
            }
        }

        private Optional<String> statusNamed() {
            return Optional.ofNullable(status).map(text -> StoreStatus.named(text).orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "--status: no store reports '" + text + "'"
                            + Suggestions.nearest(text, StoreStatus.ALL).map(near -> " (did you mean " + near + "?)")
                            .orElse("") + "; statuses: " + String.join(", ", StoreStatus.ALL))));
        }

        private void validate() {
            statusNamed();
            if (expiringWithin != null && expiringWithin < 0) {
                throw new ParameterException(spec.commandLine(), "--expiring-within must be 0 or more days, got "
                        + expiringWithin);
            }
            if (account != null && !ACCOUNT.matcher(account).matches()) {
                throw new ParameterException(spec.commandLine(), "--account must be a 12-digit AWS account id, got '"
                        + account + "'");
            }
        }
    }
}
