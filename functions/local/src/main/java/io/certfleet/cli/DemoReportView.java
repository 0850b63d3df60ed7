package io.certfleet.cli;

import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.policy.Side;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.local.LocalAlertRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import io.certfleet.local.Demo;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link Demo.Report} for people. */
final class DemoReportView {

    private final PrintWriter out;

    DemoReportView(PrintWriter out) {
        this.out = out;
    }

    void print(Demo.Report report) {
        out.printf("Inventory table %s: %s%n", report.tableName(), report.table().name().toLowerCase(Locale.ROOT));
        out.printf("Demo fleet: removed %d resources of an earlier run; seeded %d accounts, %d certificates,"
                + " %d endpoints%n%n", report.previousSeedRemoved(), report.seeded().accounts(),
                report.seeded().certificateCount(), report.seeded().endpoints());
        new ScanSummaryView(out).print(report.scan());
        out.println();
        new InventoryView(out).printByOwner(report.inventory());
        out.println();
        out.println("Endpoints on the wire (the emulator serves no TLS: each endpoint stands in as a TLS server on "
                + "127.0.0.1):");
        new FleetProbeView(out).print(report.inventory(), report.latestProbes());
        out.println();
        printFindingsByOwner(report);
        out.println();
        printAlerts(report.alerts());
        out.println();
        printRemediation(report.remediation());
        out.println();
        printDrill(report.drill());
        out.println();
        new KpiView(out).print(report.kpis());
    }

    /**
     * How to read this fleet through the inventory API: with the demo's own moto gone, how to keep one; with a kept
     * one, the commands as they are.
     */
    void printApi(String table, java.net.URI endpoint, boolean emulatorStoppedAfterwards) {
        out.println();
        out.println("The inventory API over this fleet (the deployed handler on 127.0.0.1):");
        String serve = "AWS_ENDPOINT_URL=" + endpoint + " ./certfleet api serve --port 8080 --table " + table + " &";
        if (emulatorStoppedAfterwards) {
            out.println("  (this run's moto stops now; keep one to explore: eval \"$(localstack/moto.sh start)\" && "
                    + "./certfleet demo, then:)");
            serve = "./certfleet api serve --port 8080 --table " + table + " &";
        }
        out.println("  " + serve);
        out.println("  curl 'http://127.0.0.1:8080/certificates?expiringWithinDays=30&limit=5'");
        out.println("  curl 'http://127.0.0.1:8080/endpoints?ok=false'");
        out.println("  curl 'http://127.0.0.1:8080/findings?severity=high'");
        out.println("  curl 'http://127.0.0.1:8080/metrics?owner=checkout-team'");
        out.println("  curl -o fleet.csv 'http://127.0.0.1:8080/export?format=csv'");
        out.println("  ./certfleet metrics --table " + table + "   # the same KPIs, as a table");
    }

    /**
     * The AWS calls of the whole run and their retries; with injected faults, what was injected (each fault is one
     * retried attempt when every call got through in the end).
     */
    void printAwsCalls(java.util.Map<String, Long> calls, java.util.Map<String, Long> retries,
                       java.util.Map<String, Long> failures, io.certfleet.local.faults.FaultCounts faults) {
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        long retried = retries.values().stream().mapToLong(Long::longValue).sum();
        out.println();
        out.printf("AWS calls of this run: %d, %d attempt(s) retried; failed calls (expected answers such as not "
                + "found included): %s%n", total, retried, failures);
        if (faults != null) {
            out.printf("Injected faults: %d of %d requests (%.1f%%): %s; by service: %s%n", faults.faults(),
                    faults.requests(), faults.rate() * 100, faults.byKind(), faults.byService());
            out.printf("Retried by service: %s%n", byService(retries));
            out.printf("Requests by service: %s; calls by service: %s%n", faults.requestsByService(),
                    byService(calls));
            if (!faults.unplanned().isEmpty()) {
                out.printf("Requests that failed without a planned fault: %d: %s%n", faults.unplanned().size(),
                        faults.unplanned());
            }
        }
    }

    /** Counts by {@code service:Operation} summed by service. */
    private static java.util.Map<String, Long> byService(java.util.Map<String, Long> byOperation) {
        java.util.Map<String, Long> byService = new java.util.TreeMap<>();
        byOperation.forEach((operation, count) -> byService.merge(operation.substring(0, operation.indexOf(':')),
                count, Long::sum));
        return byService;
    }

    /** {@code ELBv2 demo-checkout:443 (SNI)}: a binding as the inventory listing names it. */
    static String endpoint(RotationBinding binding) {
        String id = binding.target().resourceId();
        return switch (binding.target().type()) {
            case ELBV2_LISTENER -> {
                String[] parts = id.split("/");
                String name = parts.length > 2 ? parts[2] : id;
                yield "ELBv2 " + name + ":" + binding.port() + (binding.target().isDefault() ? "" : " (SNI)");
            }
            case ELB_LISTENER -> "ELB " + id.substring(id.indexOf('/') + 1);
            case CLOUDFRONT -> "CloudFront " + id;
            case APIGATEWAY_DOMAIN -> "API " + id;
        };
    }

    /** The staged rotations, each binding's result and canary, what was published and told, and the wire after. */
    /** The checkout endpoint's conformance report after its rotation: the verdict, the rotation standing, where. */
    void printConformance(io.certfleet.core.conformance.ConformanceReport conformance, java.nio.file.Path page) {
        out.printf("Conformance report of the checkout endpoint after its rotation (%s): %s profile %s, %d of %d "
                        + "checks pass%s%n", conformance.diagnosis().target().text(),
                conformance.conforms() ? "conforms to" : "does not conform to", conformance.profile().name(),
                conformance.checks().stream().filter(check -> check.outcome()
                        == io.certfleet.core.probe.CheckResult.Outcome.PASS).count(), conformance.checks().size(),
                conformance.findings().isEmpty() ? "" : " (" + String.join(", ", conformance.findings().stream()
                        .map(finding -> finding.code().name()).distinct().toList()) + ")");
        conformance.inventory().ifPresent(standing -> out.printf("  rotation %s: %s%s%n",
                standing.automation().automated() ? "automated" : "not automated", standing.explanation(),
                standing.arrivedBy().map(rotation -> "; put in place by rotation " + rotation.rotationId() + " ("
                        + rotation.status() + ")").orElse("")));
        out.printf("  %s%n  (./certfleet report conformance --endpoint HOST:PORT makes it for any endpoint)%n", page);
    }

    private void printRemediation(Demo.Remediation remediation) {
        out.println("Remediation (staged rotation: the deployed workflow run on this machine, each swap proven by a "
                + "canary handshake):");
        TextTable table = new TextTable("CERTIFICATE", "ROTATION", "RESULT", "ENDPOINT", "BINDING", "CANARY");
        for (Demo.Rotated rotated : remediation.rotations()) {
            String name = io.certfleet.local.DemoFleet.name(rotated.host());
            boolean first = true;
            for (RotationBinding binding : rotated.bindings()) {
                String canary = !binding.canary().isEmpty() ? String.join("; ", binding.canary())
                        : binding.checks().isEmpty() ? "-" : "ok (" + binding.checks().size() + " checks)";
                table.row(first ? name : "", first ? rotated.rotation().rotationId() : "",
                        first ? rotated.rotation().status().name() : "", endpoint(binding),
                        binding.result().name(), canary);
                first = false;
            }
            if (rotated.bindings().isEmpty()) {
                table.row(name, rotated.rotation().rotationId(), rotated.rotation().status().name(), "-", "-",
                        String.valueOf(rotated.rotation().reason()));
            }
        }
        table.print(out);
        for (Demo.Rotated rotated : remediation.rotations()) {
            var approval = rotated.rotation().approval();
            String approved = approval == null || approval.pending() ? "" : " (" + (approval.approved()
                    ? "approved" : "rejected") + " by " + approval.decidedBy() + ")";
            out.printf("  %s: %s -> %s%n", rotated.host(), rotated.story(), rotated.rotation().status()
                    == io.certfleet.core.rotation.RotationStatus.SUCCEEDED ? "replaced everywhere it is served"
                    + approved
                    : rotated.rotation().status() + ": " + rotated.bindings().stream().map(binding -> String.valueOf(
                            binding.detail())).distinct().collect(Collectors.joining("; ")));
        }
        out.printf("Events on bus certfleet: %s%n", remediation.eventTypes().stream().collect(Collectors.groupingBy(
                type -> type, TreeMap::new, Collectors.counting())));
        out.printf("Owners told: %d%n", remediation.alerts().size());
        remediation.alerts().forEach(alert -> out.printf("  %-14s %s%n", alert.attribute("owner"), alert.subject()));
        out.println();
        out.println("Endpoints on the wire after remediation (the next scan and probe):");
        new FleetProbeView(out).print(remediation.inventory(), remediation.latestProbes());
        out.printf("Remediation took %.1f s.%n", remediation.durationMs() / 1000.0);
    }

    private void printDrill(Demo.Drilled drill) {
        out.println("Drill (a chaos experiment: ./certfleet drill --binding TYPE:RESOURCE_ID --fault FAULT, only on "
                + "drillable environments):");
        DrillView.print(out, drill.report());
        out.printf("  the owner's queue received: %s%n", drill.alerts().isEmpty() ? "nothing" : drill.alerts().stream()
                .map(alert -> alert.attribute("owner") + " \"" + alert.subject() + "\"")
                .collect(Collectors.joining("; ")));
        out.printf("  the events' queue received: %s%n", drill.eventTypes().isEmpty() ? "nothing"
                : String.join(", ", drill.eventTypes()));
    }

    /**
     * The policy engine's open findings, by the owner who has to act on them: one line per certificate or
     * endpoint, its codes by side (config, wire, config-vs-wire).
     */
    private void printFindingsByOwner(Demo.Report report) {
        Map<String, String> names = new HashMap<>();
        report.inventory().forEach(entry -> {
            names.put(entry.record().location().arn(), entry.record().facts() == null ? entry.record().location()
                    .arn() : entry.record().facts().sans().isEmpty() ? entry.record().facts().subject()
                    : entry.record().facts().sans().getFirst());
            entry.bindings().forEach(binding -> names.put(binding.certificateArn() + "|"
                    + EvaluatePolicy.subject(binding), InventoryView.binding(binding)));
        });
        Map<String, Map<String, List<PolicyFinding>>> byOwner = new TreeMap<>();
        for (PolicyRun run : report.policy().runs()) {
            List<PolicyFinding> open = new ArrayList<>(run.opened());
            run.stillOpen().forEach(stored -> open.add(stored.finding()));
            for (PolicyFinding finding : open) {
                String where = finding.aboutBinding()
                        ? names.getOrDefault(finding.certificateArn() + "|" + finding.subject(), finding.subject())
                        : "certificate " + names.getOrDefault(finding.certificateArn(), finding.certificateArn());
                byOwner.computeIfAbsent(finding.owner().isEmpty() ? "unowned" : finding.owner(),
                        owner -> new TreeMap<>()).computeIfAbsent(where, w -> new ArrayList<>()).add(finding);
            }
        }
        int total = report.policy().runs().stream().mapToInt(PolicyRun::open).sum();
        out.printf("Findings by owner (policy engine: configuration, wire, and the two compared; %d open):%n", total);
        TextTable table = new TextTable("OWNER", "SEVERITY", "WHERE", "FINDINGS");
        byOwner.forEach((owner, subjects) -> {
            boolean first = true;
            for (Map.Entry<String, List<PolicyFinding>> subject : subjects.entrySet()) {
                List<PolicyFinding> findings = subject.getValue();
                String worst = findings.stream().map(PolicyFinding::severity).max(Comparator.naturalOrder())
                        .map(Severity::label).orElse("?");
                table.row(first ? owner : "", worst, subject.getKey(), bySide(findings));
                first = false;
            }
        });
        table.print(out);
        Map<String, Long> eventTypes = report.policy().eventTypes().stream()
                .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting()));
        out.printf("Events on bus certfleet: %s%n", eventTypes);
        out.printf("Owners told of endpoints that newly fail handshakes: %d%n", report.policy().handshakeAlerts().size());
        report.policy().handshakeAlerts().stream()
                .sorted(Comparator.comparing((LocalAlertRouting.ReceivedAlert alert) -> alert.attribute("owner")))
                .forEach(alert -> out.printf("  %-14s %s%n", alert.attribute("owner"), alert.subject()));
    }

    private static String bySide(List<PolicyFinding> findings) {
        Map<Side, List<String>> sides = new EnumMap<>(Side.class);
        findings.forEach(finding -> sides.computeIfAbsent(finding.side(), side -> new ArrayList<>())
                .add(finding.code().name()));
        return sides.entrySet().stream().map(entry -> switch (entry.getKey()) {
            case CONFIGURATION -> "config: ";
            case WIRE -> "wire: ";
            case CONFIGURATION_VS_WIRE -> "config vs wire: ";
            case ROTATION -> "rotation: ";
        } + String.join(", ", entry.getValue().stream().distinct().toList())).collect(Collectors.joining("; "));
    }

    private void printAlerts(Demo.Alerts alerts) {
        out.printf("Expiry alerts (SNS topic %s; what an owner's SQS subscription received):%n",
                alerts.routes().topicArn());
        if (alerts.received().isEmpty()) {
            out.println("  none: every threshold reached was alerted by an earlier run");
        } else {
            TextTable table = new TextTable("OWNER", "SEVERITY", "SUBJECT");
            alerts.received().stream()
                    .sorted(Comparator.comparing((LocalAlertRouting.ReceivedAlert alert) -> alert.attribute("owner")))
                    .forEach(alert -> table.row(alert.attribute("owner"), alert.attribute("severity"),
                            alert.subject()));
            table.print(out);
        }
        Map<String, Long> eventTypes = alerts.eventTypes().stream()
                .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting()));
        out.printf("%d alert(s) sent, %d received; %d event(s) on bus %s %s%n", alerts.first().sent().size(),
                alerts.received().size(), alerts.eventTypes().size(), alerts.routes().busName(), eventTypes);
        if (!alerts.first().failed().isEmpty()) {
            out.printf("Not sent (the next run retries): %s%n", alerts.first().failed());
        }
        out.printf("Evaluated again, as the next scheduled run would: %d sent, %d already sent, %d received "
                + "- %s.%n", alerts.second().sent().size(), alerts.second().alreadySent().size(),
                alerts.receivedAgain().size(), alerts.receivedAgain().isEmpty() && alerts.second().sent().isEmpty()
                        ? "no duplicates" : "DUPLICATES");
    }
}
