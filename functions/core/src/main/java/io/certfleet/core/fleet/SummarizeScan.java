package io.certfleet.core.fleet;

import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.discovery.WorkResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: the outcome of a fleet scan whose items were scanned by separate workers. A planned item without a
 * result (its worker crashed or timed out after its retries) counts as not scanned, with an error that says so.
 */
public final class SummarizeScan {

    private final ScanRunRepository runs;
    private final Clock clock;

    public SummarizeScan(ScanRunRepository runs, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws IllegalArgumentException when no plan is stored under the id */
    public FleetScanResult summarize(String scanId) {
        ScanPlan plan = runs.findPlan(scanId)
                .orElseThrow(() -> new IllegalArgumentException("no scan plan stored for scan id '" + scanId + "'"));
        Map<String, WorkResult> byScope = new HashMap<>();
        runs.findResults(scanId).forEach(result -> byScope.put(result.item().scope().toString(), result));
        List<WorkResult> results = new ArrayList<>();
        for (WorkItem item : plan.items()) {
            results.add(byScope.getOrDefault(item.scope().toString(), missing(item)));
        }
        long durationMs = Duration.between(plan.plannedAt(), clock.instant()).toMillis();
        FleetScanResult summary = FleetScanResult.of(plan, results, durationMs);
        runs.saveSummary(summary);
        return summary;
    }

    private static WorkResult missing(WorkItem item) {
        return WorkResult.failed(item, new ScanError(item.scope().accountId(), item.scope().region(), "account",
                "worker", FailureReason.ERROR, "no result: the worker failed or timed out after its retries"),
                Map.of(), Map.of(), 0);
    }
}
