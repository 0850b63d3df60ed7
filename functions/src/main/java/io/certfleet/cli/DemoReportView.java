package io.certfleet.cli;

import io.certfleet.core.discovery.WorkResult;
import io.certfleet.core.inventory.ExpiryLine;
import io.certfleet.core.inventory.ExpiryStatus;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.local.Demo;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints a {@link Demo.Report} for people. */
final class DemoReportView {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;

    DemoReportView(PrintWriter out) {
        this.out = out;
    }

    void print(Demo.Report report) {
        out.printf("Inventory table %s: %s%n", report.tableName(),
                report.table().name().toLowerCase(Locale.ROOT));
        WorkResult scan = report.firstItem();
        out.printf("ACM %s: removed %d certificates of an earlier demo run, imported %d%n",
                scan.item().scope(), report.previousSeedRemoved(), report.seeded());
        out.printf("Scan of %s: %d found, %d new, %d unreadable, %d marked removed (%d ms)%n%n",
                scan.item().scope(), scan.certificates(), scan.certificatesAdded(), scan.malformed(),
                scan.certificatesRemoved(), scan.durationMs());
        TextTable table = new TextTable("SUBJECT", "KEY", "EXPIRES", "DAYS LEFT", "STATUS", "SOURCE");
        for (ExpiryLine line : report.expiry()) {
            table.row(row(line));
        }
        table.print(out);
        long attention = report.expiry().stream().filter(line -> line.status() != ExpiryStatus.OK).count();
        out.printf("%n%d certificates, %d need attention.%n", report.expiry().size(), attention);
    }

    private static String[] row(ExpiryLine line) {
        InventoryRecord record = line.record();
        String arn = record.location().arn();
        String source = record.location().source() + " " + arn.substring(arn.lastIndexOf(':') + 1);
        if (!record.isReadable()) {
            return new String[] {"(unreadable: " + record.malformedReason() + ")", "-", "-", "-",
                    line.status().name(), source};
        }
        return new String[] {record.facts().subject(), record.facts().keyDescription(),
                DATE.format(record.facts().notAfter()), Long.toString(line.daysLeft()), line.status().name(), source};
    }
}
