package io.certfleet.cli;

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
    }
}
