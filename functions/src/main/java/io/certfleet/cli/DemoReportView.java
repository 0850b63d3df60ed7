package io.certfleet.cli;

import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.local.LocalAlertRouting;
import java.util.ArrayList;
import java.util.Comparator;
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
    }

    /** Every finding of the probes and of expiry, by the owner who has to act on it. */
    private void printFindingsByOwner(Demo.Report report) {
        out.println("Findings by owner:");
        Map<String, List<String[]>> byOwner = new TreeMap<>();
        for (InventoryEntry entry : report.inventory()) {
            String owner = entry.record().ownership().owner();
            for (BindingRecord binding : entry.bindings()) {
                BindingProbe probe = report.latestProbes().get(binding.key());
                if (probe != null && probe.probed() && !probe.ok()) {
                    byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(new String[] {
                        probe.severity().map(Severity::label).orElse("?"), InventoryView.binding(binding),
                        probe.codes().stream().map(Enum::name).collect(Collectors.joining(", "))});
                }
            }
        }
        TextTable table = new TextTable("OWNER", "SEVERITY", "ENDPOINT", "FINDINGS");
        byOwner.forEach((owner, findings) -> {
            for (int i = 0; i < findings.size(); i++) {
                String[] finding = findings.get(i);
                table.row(i == 0 ? owner : "", finding[0], finding[1], finding[2]);
            }
        });
        table.print(out);
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
