package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.api.Json;
import io.certfleet.api.ScanSummaryJson;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.PlanScan;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet scan}: discover every certificate and binding of the fleet into the inventory. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scans accounts and regions for certificates (ACM, IAM) and the endpoints that serve them "
                + "(ELBv2 default and SNI, Classic ELB, CloudFront, API Gateway) into the inventory table.",
                "Uses the AWS credentials and AWS_ENDPOINT_URL of the environment. Exit code 1 when some "
                + "account-region could not be read completely (the errors say which and why)."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Regions to scan (default: the configured region, AWS_REGION).")
    List<String> regions;

    @ArgGroup(exclusive = true)
    Accounts accounts = new Accounts();

    static final class Accounts {
        @Option(names = "--organization", description = "Every ACTIVE account of the caller's AWS Organization.")
        boolean organization;

        @Option(names = "--accounts", split = ",", paramLabel = "ACCOUNT",
                description = "These accounts (default: only the caller's own).")
        List<String> listed;
    }

    @Option(names = "--role-name", paramLabel = "NAME", defaultValue = CertfleetSettings.DEFAULT_ROLE_NAME,
            description = "Role assumed in accounts other than the caller's (default: ${DEFAULT-VALUE}).")
    String roleName;

    @Option(names = "--create-table", description = "Create the inventory table if it does not exist.")
    boolean createTable;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Account-regions scanned at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate-limits", paramLabel = "aws|off", defaultValue = "aws",
            description = "Hold calls to AWS's published API quotas per account-region (default: ${DEFAULT-VALUE}).")
    String rateLimits;

    @Override
    public Integer call() {
        validate();
        CertfleetSettings settings = CertfleetSettings.fromEnvironment(System.getenv())
                .withTableName(inventory.table).withScannerRoleName(roleName)
                .withRateLimits("off".equals(rateLimits) ? RateLimits.UNLIMITED : RateLimits.AWS_QUOTAS);
        try (AwsClients aws = AwsClients.fromEnvironment()) {
            Wiring wiring = new Wiring(aws, Clock.systemUTC(), settings);
            ensureTable(wiring);
            ScanPlan plan = plan(wiring, aws.settings().region().id());
            FleetScanResult result = wiring.runScan().run(plan, concurrency);
            if (inventory.json) {
                spec.commandLine().getOut().println(Json.pretty(ScanSummaryJson.of(result)));
            } else {
                new ScanSummaryView(spec.commandLine().getOut()).print(result);
            }
            return result.accountRegionsScanned() == result.accountRegionsPlanned() ? ExitCode.OK : ExitCode.FINDINGS;
        }
    }

    private void validate() {
        if (concurrency < 1 || concurrency > 256) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 256, got "
                    + concurrency);
        }
        if (regions != null) {
            try {
                PlanScan.validRegions(regions);
            } catch (IllegalArgumentException badRegion) {
                throw new ParameterException(spec.commandLine(), "--regions: " + badRegion.getMessage());
            }
        }
        if (accounts.listed != null) {
            accounts.listed.stream().filter(account -> !account.strip().matches("\\d{12}")).findFirst()
                    .ifPresent(account -> {
                        throw new ParameterException(spec.commandLine(), "--accounts: '" + account
                                + "' is not a 12-digit AWS account id");
                    });
        }
        if (!List.of("aws", "off").contains(rateLimits)) {
            throw new ParameterException(spec.commandLine(), "--rate-limits must be 'aws' or 'off', got '"
                    + rateLimits + "'");
        }
    }

    private void ensureTable(Wiring wiring) {
        if (createTable) {
            wiring.inventoryTable().ensureExists();
        } else if (!wiring.inventoryTable().exists()) {
            throw new CommandFailure("inventory table '" + inventory.table + "' does not exist in "
                    + wiring.aws().settings().region() + ": deploy the stack, or pass --create-table");
        }
    }

    private ScanPlan plan(Wiring wiring, String configuredRegion) {
        AccountSelection selection = accounts.organization ? new AccountSelection.Organization()
                : accounts.listed != null ? new AccountSelection.Listed(accounts.listed)
                : new AccountSelection.Caller();
        try {
            return wiring.planScan().plan(selection, regions == null ? List.of(configuredRegion) : regions);
        } catch (IllegalArgumentException badArgument) {
            throw new ParameterException(spec.commandLine(), badArgument.getMessage());
        }
    }
}
