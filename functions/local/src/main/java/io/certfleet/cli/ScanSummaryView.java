package io.certfleet.cli;

import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.fleet.FleetScanResult;
import java.io.PrintWriter;

/** Prints a fleet scan's outcome for people. */
final class ScanSummaryView {

    private final PrintWriter out;

    ScanSummaryView(PrintWriter out) {
        this.out = out;
    }

    void print(FleetScanResult result) {
        out.printf("Scan %s: %d accounts, %d of %d account-regions scanned completely (%.0f%%)%n", result.scanId(),
                result.accountsPlanned(), result.accountRegionsScanned(), result.accountRegionsPlanned(),
                result.coverage() * 100);
        out.printf("Certificates: %d (%d new, %d unchanged, %d removed, %d unreadable); bindings: %d (%d removed)%n",
                result.certificates(), result.certificatesAdded(), result.certificatesUnchanged(),
                result.certificatesRemoved(), result.malformed(), result.bindings(), result.bindingsRemoved());
        out.printf("AWS API calls: %d (%d retried) in %d ms%n", result.totalApiCalls(), result.totalApiRetries(),
                result.durationMs());
        if (!result.errors().isEmpty()) {
            out.printf("%nNot read (%d):%n", result.errors().size());
            TextTable table = new TextTable("ACCOUNT", "REGION", "SOURCE", "REASON", "CALL", "MESSAGE");
            for (ScanError error : result.errors()) {
                table.row(error.accountId(), error.region(), error.source(), error.reason().name(), error.operation(),
                        error.message());
            }
            table.print(out);
        }
    }
}
