package io.certfleet.core.fleet;

import java.util.Objects;

/**
 * Use case: a whole fleet scan in one process (the CLI's {@code scan}, the demo): every work item, then the summary
 * kept as the workflow's last step keeps it, so that the coverage KPI reads every scan that finished.
 */
public final class RunScan {

    private final ScanFleet fleet;
    private final ScanRunRepository runs;

    public RunScan(ScanFleet fleet, ScanRunRepository runs) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    public FleetScanResult run(ScanPlan plan, int concurrency) {
        FleetScanResult result = fleet.run(plan, concurrency);
        runs.saveSummary(result);
        return result;
    }
}
