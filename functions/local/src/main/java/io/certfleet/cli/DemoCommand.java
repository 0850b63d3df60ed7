package io.certfleet.cli;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.local.Demo;
import io.certfleet.local.LocalEmulator;
import io.certfleet.local.faults.FaultInjectingProxy;
import io.certfleet.local.faults.FaultKind;
import io.certfleet.local.faults.FaultPlan;
import io.certfleet.report.ConformanceHtml;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** {@code certfleet demo}: the main job on a local AWS emulator, from seeding a fleet to the alerts it sends. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs certfleet on a local AWS emulator: seeds a demo fleet, scans it into the inventory, "
                + "probes every endpoint over TLS, judges it against the policy (findings by owner) and sends the "
                + "expiry alerts, read back from an SQS queue subscribed to the alert topic.",
                "Uses the emulator at --endpoint or AWS_ENDPOINT_URL if given, else starts moto "
                + "(python3 -m moto.server) for this run and stops it afterwards. Never touches real AWS."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A running emulator to use (default: AWS_ENDPOINT_URL, else start moto).")
    URI endpoint;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = InventoryTableDesign.DEFAULT_TABLE_NAME,
            description = "Inventory table (default: ${DEFAULT-VALUE}); created if missing.")
    String table;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region to seed and scan (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "target/certfleet-demo/fleet-report.html",
            description = "Where to write the fleet report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--faults", paramLabel = "RATE", defaultValue = "0",
            description = "Answer this share of AWS calls with a fault (503, 500, throttling, dropped connection; "
                    + "e.g. 20%% or 0.2) through a proxy in front of the emulator; the result must not change.")
    String faults;

    @Option(names = "--fault-kinds", paramLabel = "KIND", split = ",",
            description = "Which faults (default: the four that never reach the service: SERVICE_UNAVAILABLE, "
                    + "INTERNAL_ERROR, THROTTLING, DROPPED_CONNECTION); RESPONSE_LOST lets the service act and "
                    + "loses its answer, so a retry repeats the call.")
    List<FaultKind> faultKinds;

    @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fault sequence (default: ${DEFAULT-VALUE}).")
    long faultSeed;

    @Override
    public Integer call() throws java.io.IOException {
        try {
            io.certfleet.core.fleet.PlanScan.validRegions(java.util.List.of(region));
        } catch (IllegalArgumentException badRegion) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--region: "
                    + badRegion.getMessage());
        }
        double faultRate = faultRate(faults);
        ApiCallRecorder calls = new ApiCallRecorder();
        try (LocalEmulator emulator = LocalEmulator.acquire(Optional.ofNullable(endpoint), System.getenv());
             FaultInjectingProxy proxy = faultRate > 0
                     ? FaultInjectingProxy.start(emulator.endpoint(), new FaultPlan(faultRate, faultSeed,
                     faultKinds == null ? FaultPlan.BEFORE_THE_SERVICE : faultKinds)) : null;
             AwsClients aws = new AwsClients(AwsSettings.forEmulator(proxy == null ? emulator.endpoint()
                     : proxy.endpoint(), Region.of(region)), List.of(calls));
             // The fleet's side (endpoint stand-ins, owners' imports): straight to the emulator, never faulted
             // and not among certfleet's calls.
             AwsClients fleetSide = aws.derive(AwsSettings.forEmulator(emulator.endpoint(), Region.of(region)),
                     List.of())) {
            spec.commandLine().getOut().println("certfleet demo on " + emulator.describe() + (proxy == null ? ""
                    : String.format(Locale.ROOT, ", through a proxy that faults %.0f%% of AWS calls (seed %d) at %s",
                    faultRate * 100, faultSeed, proxy.endpoint())));
            Wiring wiring = new Wiring(aws, Clock.systemUTC(), CertfleetSettings.defaults().withTableName(table));
            Demo.Report result = new Demo(wiring, fleetSide).run();
            DemoReportView view = new DemoReportView(spec.commandLine().getOut());
            view.print(result);
            Path html = report.toAbsolutePath();
            Files.createDirectories(html.getParent());
            ReportCommand.write(wiring, table, html, null);
            spec.commandLine().getOut().printf("%nFleet report (open it in a browser; it needs no network): %s%n",
                    html);
            result.remediation().checkoutConformance().ifPresent(conformance -> {
                Path page = html.resolveSibling("conformance-checkout.html");
                writeConformance(page, conformance);
                view.printConformance(conformance, page);
            });
            view.printApi(table, emulator.endpoint(), emulator.startedHere());
            view.printAwsCalls(calls.snapshot(), calls.retries(), calls.failures(), proxy == null ? null : proxy.counts());
        }
        return ExitCode.OK;
    }

    /** {@code 20%} or {@code 0.2}: a share from 0 to 1 (below 1: a call that always faults never succeeds). */
    private double faultRate(String text) {
        String trimmed = text.strip();
        try {
            double rate = trimmed.endsWith("%")
                    ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).strip()) / 100
                    : Double.parseDouble(trimmed);
            if (rate >= 0 && rate < 1) {
                return rate;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--faults: give a share from 0 to "
                + "below 1, such as 20% or 0.2, got '" + text + "'");
    }

    private static void writeConformance(Path page, ConformanceReport conformance) {
        try {
            Files.writeString(page, ConformanceHtml.render(conformance), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
