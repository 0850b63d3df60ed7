package io.certfleet.core.fleet;

import java.time.Instant;
import java.util.Objects;

/** How completely a finished fleet scan read what it planned: the inventory coverage KPI. */
public record ScanCoverage(String scanId, Instant finishedAt, int accountRegionsPlanned, int accountRegionsScanned,
                           int errorCount) {

    public ScanCoverage {
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** Share of planned account-regions scanned completely, 0 to 1 (1 for an empty plan). */
    public double ratio() {
        return accountRegionsPlanned == 0 ? 1.0 : (double) accountRegionsScanned / accountRegionsPlanned;
    }
}
