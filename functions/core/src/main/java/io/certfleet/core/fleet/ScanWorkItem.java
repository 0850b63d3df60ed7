package io.certfleet.core.fleet;

import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.discovery.WorkResult;
import java.util.Objects;

/** Use case: scan one work item of a stored plan and record its result for the scan's summary. */
public final class ScanWorkItem {

    private final ScanFleet fleet;
    private final ScanRunRepository runs;

    public ScanWorkItem(ScanFleet fleet, ScanRunRepository runs) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    public WorkResult scan(WorkItem item) {
        WorkResult result = fleet.scanOne(item);
        runs.saveResult(result);
        return result;
    }
}
